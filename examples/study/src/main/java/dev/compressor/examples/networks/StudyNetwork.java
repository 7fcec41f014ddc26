package dev.compressor.examples.networks;

import java.util.Locale;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The eleven full-size networks of the study (STUDY.md), each with its identifier, input, canonical
 * parameter count and builder. Every network is a DL4J {@link ComputationGraph} in float32 with seeded
 * weight initialisation; the image classifiers take NCHW RGB images and output 1000 class
 * probabilities.
 *
 * <p>Immutable and thread-safe.
 */
public enum StudyNetwork {

    /** GoogLeNet, BVLC Caffe variant (5x5 convolutions, LRN, no BN), auxiliary heads left out. */
    INCEPTION_V1("inception_v1", "Inception-v1 (GoogLeNet)", InceptionV1.IMAGE_SIZE, 6_998_552L, "~6.6-7.0 M",
            "BVLC Caffe bvlc_googlenet without the two auxiliary classifiers", InceptionV1::configuration),
    /** BN-Inception (Ioffe and Szegedy 2015), no auxiliary heads. */
    INCEPTION_V2("inception_v2", "Inception-v2 (BN-Inception)", InceptionV2.IMAGE_SIZE, 11_295_240L, "~11.2 M",
            "pretrainedmodels (Cadene) bninception, learnable parameters", InceptionV2::configuration),
    /** Inception-v3 without the auxiliary classifier. */
    INCEPTION_V3("inception_v3", "Inception-v3", InceptionV3.IMAGE_SIZE, 23_834_568L, "~23.8 M",
            "torchvision inception_v3 without AuxLogits", InceptionV3::configuration),
    /** Inception-v4 (pure inception, not Inception-ResNet). */
    INCEPTION_V4("inception_v4", "Inception-v4", InceptionV4.IMAGE_SIZE, 42_679_816L, "~42.7 M",
            "timm inception_v4, 1000 classes", InceptionV4::configuration),
    /** ResNet-50, bottleneck blocks. */
    RESNET50("resnet50", "ResNet-50", ResNet.IMAGE_SIZE, 25_557_032L, "25.6 M",
            "torchvision resnet50", seed -> ResNet.configuration(50, seed)),
    /** ResNet-101, bottleneck blocks. */
    RESNET101("resnet101", "ResNet-101", ResNet.IMAGE_SIZE, 44_549_160L, "44.5 M",
            "torchvision resnet101", seed -> ResNet.configuration(101, seed)),
    /** ResNet-152, bottleneck blocks. */
    RESNET152("resnet152", "ResNet-152", ResNet.IMAGE_SIZE, 60_192_808L, "60.2 M",
            "torchvision resnet152", seed -> ResNet.configuration(152, seed)),
    /** VGG-16 (configuration D). */
    VGG16("vgg16", "VGG-16", Vgg.IMAGE_SIZE, 138_357_544L, "138.4 M",
            "torchvision vgg16 / Caffe VGG_ILSVRC_16_layers", seed -> Vgg.configuration(16, seed)),
    /** VGG-19 (configuration E). */
    VGG19("vgg19", "VGG-19", Vgg.IMAGE_SIZE, 143_667_240L, "143.7 M",
            "torchvision vgg19 / Caffe VGG_ILSVRC_19_layers", seed -> Vgg.configuration(19, seed)),
    /** MobileNet-v1, width multiplier 1.0, 224x224. */
    MOBILENET_V1("mobilenet_v1", "MobileNet-v1 1.0", MobileNetV1.IMAGE_SIZE, 4_231_976L, "4.2 M",
            "Keras MobileNet(alpha=1.0) trainable parameters", MobileNetV1::configuration),
    /** Attention seq2seq translation model, 2+2 LSTM layers of 512, 32k/32k vocabularies. */
    NMT("nmt", "NMT (attention seq2seq, 2x2 LSTM 512, 32k/32k)", 0, 59_000_000L, "~59 M",
            "STUDY.md figure (approximate; the exact count is ours)", AttentionNmt::configuration);

    private final String id;
    private final String displayName;
    private final int imageSize;
    private final long canonicalParameters;
    private final String studyFigure;
    private final String canonicalSource;
    private final LongFunction<ComputationGraphConfiguration> configurer;

    StudyNetwork(String id, String displayName, int imageSize, long canonicalParameters, String studyFigure,
                 String canonicalSource, LongFunction<ComputationGraphConfiguration> configurer) {
        this.id = id;
        this.displayName = displayName;
        this.imageSize = imageSize;
        this.canonicalParameters = canonicalParameters;
        this.studyFigure = studyFigure;
        this.canonicalSource = canonicalSource;
        this.configurer = configurer;
    }

    /** Returns the short identifier used in records and file names, e.g. {@code vgg16}. */
    public String id() {
        return id;
    }

    /** Returns the human-readable name, e.g. {@code VGG-16}. */
    public String displayName() {
        return displayName;
    }

    /** Returns whether the network classifies images (all but {@link #NMT}). */
    public boolean isImageClassifier() {
        return imageSize > 0;
    }

    /**
     * Returns the input shape of one example without the batch axis: {@code [3, H, W]} (NCHW) for the
     * image classifiers; for {@link #NMT} {@code [1, -1]}, a token-id sequence of any length (one for
     * each of its two inputs, see {@link AttentionNmt}).
     */
    public long[] inputShape() {
        return isImageClassifier() ? new long[] {3, imageSize, imageSize} : new long[] {1, -1};
    }

    /** Returns the input as the study writes it, e.g. {@code 224x224x3} or {@code token sequences}. */
    public String inputDescription() {
        return isImageClassifier() ? imageSize + "x" + imageSize + "x3" : "token sequences";
    }

    /**
     * Returns the canonical parameter count the study compares against, in scalar parameters: the exact
     * count of the reference implementation named by {@link #canonicalSource()} where one exists,
     * otherwise the STUDY.md figure.
     */
    public long canonicalParameters() {
        return canonicalParameters;
    }

    /** Returns the parameter figure as STUDY.md writes it, e.g. {@code 138.4 M}. */
    public String studyFigure() {
        return studyFigure;
    }

    /** Returns where {@link #canonicalParameters()} comes from. */
    public String canonicalSource() {
        return canonicalSource;
    }

    /**
     * Returns the network's configuration without allocating any weight.
     *
     * @param seed seed of the weight initialisation
     * @return a freshly built configuration
     */
    public ComputationGraphConfiguration configuration(long seed) {
        return configurer.apply(seed);
    }

    /**
     * Builds the network and initialises its weights from {@code seed}; the same seed gives the same
     * weights. Allocates all weights (VGG-19: about 575 MB of float32).
     *
     * @param seed seed of the weight initialisation
     * @return the initialised network
     */
    public ComputationGraph build(long seed) {
        return GraphBlocks.initialise(configuration(seed));
    }

    /**
     * Returns the number of stored parameters computed from the configuration, without allocating the
     * weights; equals {@code build(seed).numParams()}.
     */
    public long parameterCount() {
        return ParameterCounts.total(configuration(0L));
    }

    /**
     * Returns the network with the given identifier.
     *
     * @param id an identifier such as {@code resnet50} (case-insensitive)
     * @return the network
     * @throws IllegalArgumentException if no network has that identifier
     */
    public static StudyNetwork byId(String id) {
        for (StudyNetwork n : values()) {
            if (n.id.equals(id.toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new IllegalArgumentException("no study network with id '" + id + "'");
    }
}
