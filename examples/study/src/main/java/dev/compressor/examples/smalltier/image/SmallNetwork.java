package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The small-tier image networks, one per family of the study (STUDY.md), for 28x28x1 Fashion-MNIST
 * images and 10 classes. Each keeps its family's defining blocks (see {@link SmallInception},
 * {@link SmallResNet}, {@link SmallVgg}, {@link SmallMobileNet}) at a width and depth that trains on
 * two CPU cores in minutes. All are DL4J {@link ComputationGraph}s in float32 with seeded He
 * initialisation and an Adam updater; input {@code "input"} (NCHW), output {@code "output"} (softmax).
 *
 * <p>Immutable and thread-safe.
 */
public enum SmallNetwork {

    /** Inception-v1 modules (1x1, 3x3, 5x5, pool branches; no batch norm). */
    INCEPTION_V1("inception_v1", "inception_v1", "Inception-v1 modules (5x5 branch, no BN)"),
    /** BN-Inception modules (double 3x3 in place of 5x5, BN, strided reduction module). */
    INCEPTION_V2("inception_v2", "inception_v2", "BN-Inception modules (double 3x3, BN, reduction)"),
    /** Inception-v3 modules (1xn/nx1 factorisation, expanded filter bank, grid reduction). */
    INCEPTION_V3("inception_v3", "inception_v3", "Inception-v3 modules (1x5/5x1 factorised, split 1x3||3x1)"),
    /** Inception-v4 (branched stem, Inception-A x2, Reduction-A, Inception-B, Inception-C). */
    INCEPTION_V4("inception_v4", "inception_v4", "Inception-v4 (branched stem, A x2, reduction, B, C)"),
    /** Bottleneck ResNet, 1+1+1 blocks (11 weighted layers), the ResNet-50 analogue. */
    RESNET11("resnet11", "resnet50", "bottleneck ResNet, blocks 1-1-1"),
    /** Bottleneck ResNet, 2+2+2 blocks (20 weighted layers), the ResNet-101 analogue. */
    RESNET20("resnet20", "resnet101", "bottleneck ResNet, blocks 2-2-2"),
    /** Bottleneck ResNet, 3+3+3 blocks (29 weighted layers), the ResNet-152 analogue. */
    RESNET29("resnet29", "resnet152", "bottleneck ResNet, blocks 3-3-3"),
    /** VGG-style, 2+2+2 convolutions and 2 dense layers (8 weighted layers), the VGG-16 analogue. */
    VGG8("vgg8", "vgg16", "VGG 3x3 stacks 2-2-2 + 2 FC"),
    /** VGG-style, 2+3+3 convolutions and 2 dense layers (10 weighted layers), the VGG-19 analogue. */
    VGG10("vgg10", "vgg19", "VGG 3x3 stacks 2-3-3 with batch norm + 2 FC"),
    /** MobileNet-v1 style depthwise-separable network. */
    MOBILENET("mobilenet", "mobilenet_v1", "MobileNet-v1 depthwise-separable blocks");

    /** Adam learning rate at the start of training (decays linearly to 0). */
    public static final double LEARNING_RATE = 2e-3;

    private final String id;
    private final String fullSizeId;
    private final String description;

    SmallNetwork(String id, String fullSizeId, String description) {
        this.id = id;
        this.fullSizeId = fullSizeId;
        this.description = description;
    }

    /** Returns the identifier used in file names and records, e.g. {@code resnet20}. */
    public String id() {
        return id;
    }

    /** Returns the id of the full-size network this one stands for, e.g. {@code resnet101}. */
    public String fullSizeId() {
        return fullSizeId;
    }

    /** Returns a one-line description of the architecture. */
    public String description() {
        return description;
    }

    /**
     * Returns the configuration with the default learning rate.
     *
     * @param seed seed of the weight initialisation (and dropout)
     * @return the configuration
     */
    public ComputationGraphConfiguration configuration(long seed) {
        return configuration(seed, LEARNING_RATE);
    }

    /**
     * Returns the configuration.
     *
     * @param seed seed of the weight initialisation (and dropout)
     * @param learningRate the Adam learning rate, positive
     * @return the configuration
     */
    public ComputationGraphConfiguration configuration(long seed, double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        return switch (this) {
            case INCEPTION_V1 -> SmallInception.v1(seed, learningRate);
            case INCEPTION_V2 -> SmallInception.v2(seed, learningRate);
            case INCEPTION_V3 -> SmallInception.v3(seed, learningRate);
            case INCEPTION_V4 -> SmallInception.v4(seed, learningRate);
            case RESNET11 -> SmallResNet.configuration(seed, learningRate, new int[] {1, 1, 1});
            case RESNET20 -> SmallResNet.configuration(seed, learningRate, new int[] {2, 2, 2});
            case RESNET29 -> SmallResNet.configuration(seed, learningRate, new int[] {3, 3, 3});
            case VGG8 -> SmallVgg.configuration(seed, learningRate, new int[] {2, 2, 2}, false);
            case VGG10 -> SmallVgg.configuration(seed, learningRate, new int[] {2, 3, 3}, true);
            case MOBILENET -> SmallMobileNet.configuration(seed, learningRate);
        };
    }

    /**
     * Builds the network with seeded initial weights.
     *
     * @param seed the seed
     * @return the initialised network
     */
    public ComputationGraph network(long seed) {
        ComputationGraph net = new ComputationGraph(configuration(seed));
        net.init();
        return net;
    }

    /**
     * Looks a network up by {@link #id()} (case-insensitive).
     *
     * @param id e.g. {@code vgg8}
     * @return the network
     * @throws IllegalArgumentException naming the known ids if none matches
     */
    public static SmallNetwork byId(String id) {
        for (SmallNetwork n : values()) {
            if (n.id.equalsIgnoreCase(id)) {
                return n;
            }
        }
        StringBuilder known = new StringBuilder();
        for (SmallNetwork n : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(n.id);
        }
        throw new IllegalArgumentException("unknown small network '" + id + "'; known: " + known
               );
    }
}
