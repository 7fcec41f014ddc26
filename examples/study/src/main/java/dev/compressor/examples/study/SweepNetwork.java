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

    /** Number of examples in the batch {@link DataDependentInit} sets the statistics from. */
    static final int INIT_EXAMPLES = 8;

    private final String id;
    private final String displayName;
    private final boolean study;
    private final LongFunction<ComputationGraph> builder;
    private final Source source;

    /**
     * Where a network's inputs come from: real images of one size ({@code imageSize > 0}), or
     * uniform token ids of a vocabulary ({@code imageSize == 0}) for the two inputs of the NMT model.
     */
    private record Source(int imageSize, int vocab, int length) {

        static Source images(int size) {
            return new Source(size, 0, 0);
        }

        static Source tokens(int vocab, int length) {
            return new Source(0, vocab, length);
        }
    }

    private SweepNetwork(String id, String displayName, boolean study, LongFunction<ComputationGraph> builder,
                         Source source) {
        this.id = id;
        this.displayName = displayName;
        this.study = study;
        this.builder = builder;
        this.source = source;
    }

    /** Returns every network: the eleven study networks, then the tiny test networks. */
    public static List<SweepNetwork> all() {
        List<SweepNetwork> l = new ArrayList<>(study());
        l.add(new SweepNetwork("tiny_cnn", "tiny CNN (test only)", false, SweepNetwork::tinyCnn,
                Source.images(32)));
        l.add(new SweepNetwork("tiny_nmt", "tiny attention NMT (test only)", false,
                seed -> init(AttentionNmt.configuration(64, 64, 16, seed)), Source.tokens(64, 7)));
        return List.copyOf(l);
    }

    /** Returns the eleven study networks in {@link StudyNetwork} order. */
    public static List<SweepNetwork> study() {
        List<SweepNetwork> l = new ArrayList<>();
        for (StudyNetwork n : StudyNetwork.values()) {
            Source in = n.isImageClassifier()
                    ? Source.images((int) n.inputShape()[1])
                    : Source.tokens(AttentionNmt.SOURCE_VOCAB, NMT_LENGTH);
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
     * Builds the network with weights initialised from {@code seed}, then sets its data-dependent
     * statistics from real inputs ({@link DataDependentInit} on {@link #initialisationInputs()}), so
     * that its logits on real inputs have unit-order spread. The same seed gives the same weights, bit
     * for bit. Costs one inference pass over {@value #INIT_EXAMPLES} examples on top of DL4J's
     * initialisation.
     *
     * @param seed the weight seed
     * @return a new network
     */
    public ComputationGraph build(long seed) {
        ComputationGraph net = builder.apply(seed);
        DataDependentInit.apply(net, initialisationInputs());
        return net;
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
        return source.imageSize() > 0
                ? new INDArray[] {StudyImages.image(seed, source.imageSize())}
                : tokens(new long[] {seed}, source.vocab(), source.length());
    }

    /**
     * Returns the batch {@link DataDependentInit} sets a new network's statistics from: the first
     * {@value #INIT_EXAMPLES} reserved test images ({@link StudyImages#initImages}), or as many token
     * sequences drawn from the fixed seeds -1, -2, ... (held-out sequences use other seeds).
     *
     * @return one array per network input, {@value #INIT_EXAMPLES} examples each
     */
    INDArray[] initialisationInputs() {
        if (source.imageSize() > 0) {
            return new INDArray[] {StudyImages.initImages(INIT_EXAMPLES, source.imageSize())};
        }
        long[] seeds = new long[INIT_EXAMPLES];
        for (int i = 0; i < INIT_EXAMPLES; i++) {
            seeds[i] = -1 - i;
        }
        return tokens(seeds, source.vocab(), source.length());
    }

    /**
     * Returns inputs {@code first .. first+count-1} of the held-out sequence a seed picks, as one batch:
     * real test images not among the initialisation images ({@link StudyImages#heldOutImages}), or
     * token sequences drawn from the seeds {@code seed * 1000003 + position} (not the initialisation
     * sequences' negative seeds for any seed from 0 to 9e12).
     *
     * @param seed picks the sequence
     * @param first position of the first input in the sequence (not negative)
     * @param count number of inputs (positive)
     * @return one array per network input, {@code count} examples each
     */
    INDArray[] heldOutInputs(long seed, int first, int count) {
        if (first < 0 || count < 1) {
            throw new IllegalArgumentException("held-out inputs need first >= 0 and count >= 1, got first "
                    + first + ", count " + count);
        }
        if (source.imageSize() > 0) {
            return new INDArray[] {StudyImages.heldOutImages(seed, first, count, source.imageSize())};
        }
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = seed * 1_000_003L + first + i;
        }
        return tokens(seeds, source.vocab(), source.length());
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

    /** One source and one target sequence per seed, uniform token ids, {@code [seeds, 1, length]} each. */
    private static INDArray[] tokens(long[] seeds, int vocab, int length) {
        float[] src = new float[seeds.length * length];
        float[] tgt = new float[seeds.length * length];
        for (int n = 0; n < seeds.length; n++) {
            Random r = new Random(seeds[n]);
            for (int i = 0; i < length; i++) {
                src[n * length + i] = r.nextInt(vocab);
                tgt[n * length + i] = r.nextInt(vocab);
            }
        }
        long[] shape = {seeds.length, 1, length};
        return new INDArray[] {Nd4j.create(src, shape), Nd4j.create(tgt, shape)};
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
