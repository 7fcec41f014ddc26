package dev.compressor.examples.study;

import dev.compressor.examples.networks.AttentionNmt;
import dev.compressor.examples.networks.StudyNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A network the sweep can measure: an identifier, a seeded builder and a seeded batch-1 input. The
 * eleven {@link StudyNetwork}s plus two tiny networks for tests and smoke runs ({@code tiny_cnn}, a
 * two-convolution classifier of 32x32 images, and {@code tiny_nmt}, the attention seq2seq model with
 * 64-token vocabularies and 16 units), which are not part of the study.
 *
 * <p>Immutable and thread-safe.
 */
public final class SweepNetwork {

    /** Source and target sequence length of the NMT inputs, in tokens. */
    static final int NMT_LENGTH = 20;

    private final String id;
    private final String displayName;
    private final boolean study;
    private final LongFunction<ComputationGraph> builder;
    private final LongFunction<INDArray[]> inputs;

    private SweepNetwork(String id, String displayName, boolean study, LongFunction<ComputationGraph> builder,
                         LongFunction<INDArray[]> inputs) {
        this.id = id;
        this.displayName = displayName;
        this.study = study;
        this.builder = builder;
        this.inputs = inputs;
    }

    /** Returns every network: the eleven study networks, then the tiny test networks. */
    public static List<SweepNetwork> all() {
        List<SweepNetwork> l = new ArrayList<>(study());
        l.add(new SweepNetwork("tiny_cnn", "tiny CNN (test only)", false, SweepNetwork::tinyCnn,
                seed -> new INDArray[] {image(seed, 32)}));
        l.add(new SweepNetwork("tiny_nmt", "tiny attention NMT (test only)", false,
                seed -> init(AttentionNmt.configuration(64, 64, 16, seed)), seed -> tokens(seed, 64, 7)));
        return List.copyOf(l);
    }

    /** Returns the eleven study networks in {@link StudyNetwork} order. */
    public static List<SweepNetwork> study() {
        List<SweepNetwork> l = new ArrayList<>();
        for (StudyNetwork n : StudyNetwork.values()) {
            LongFunction<INDArray[]> in = n.isImageClassifier()
                    ? seed -> new INDArray[] {image(seed, (int) n.inputShape()[1])}
                    : seed -> tokens(seed, AttentionNmt.SOURCE_VOCAB, NMT_LENGTH);
            l.add(new SweepNetwork(n.id(), n.displayName(), true, n::build, in));
        }
        return l;
    }

    /**
     * Returns the network with an identifier.
     *
     * @param id e.g. {@code mobilenet_v1} or {@code tiny_cnn} (case-insensitive)
     * @return the network
     * @throws IllegalArgumentException if none has that identifier, listing the known ones
     */
    public static SweepNetwork byId(String id) {
        List<String> known = new ArrayList<>();
        for (SweepNetwork n : all()) {
            if (n.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return n;
            }
            known.add(n.id);
        }
        throw new IllegalArgumentException("no network with id '" + id + "'; known: " + String.join(", ", known));
    }

    /** Returns the identifier, e.g. {@code resnet50}. */
    public String id() {
        return id;
    }

    /** Returns the human-readable name. */
    public String displayName() {
        return displayName;
    }

    /** Returns whether this is one of the study's eleven networks (false for the tiny test networks). */
    public boolean isStudyNetwork() {
        return study;
    }

    /**
     * Builds the network with weights initialised from {@code seed}.
     *
     * @param seed the weight seed
     * @return a new network
     */
    public ComputationGraph build(long seed) {
        return builder.apply(seed);
    }

    /**
     * Returns a batch-1 input drawn from {@code seed}: a real Fashion-MNIST test image scaled to the
     * input size ({@link StudyImages}), or uniform token ids (no tokenised corpus ships with the
     * repository; the seeded NMT model's outputs do not depend on whether its tokens are real).
     *
     * @param seed the input seed
     * @return one array per network input
     */
    public INDArray[] inputs(long seed) {
        return inputs.apply(seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SweepNetwork && ((SweepNetwork) o).id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return id;
    }

    private static INDArray image(long seed, int size) {
        return StudyImages.image(seed, size);
    }

    private static INDArray[] tokens(long seed, int vocab, int length) {
        Random r = new Random(seed);
        float[] src = new float[length];
        float[] tgt = new float[length];
        for (int i = 0; i < length; i++) {
            src[i] = r.nextInt(vocab);
            tgt[i] = r.nextInt(vocab);
        }
        return new INDArray[] {Nd4j.create(src, new long[] {1, 1, length}), Nd4j.create(tgt, new long[] {1, 1, length})};
    }

    private static ComputationGraph init(org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static ComputationGraph tinyCnn(long seed) {
        return init(new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(32, 32, 3))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn1", new BatchNormalization.Builder().activation(Activation.RELU).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(16)
                        .activation(Activation.RELU).build(), "bn1")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv2")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build());
    }
}
