package dev.compressor.examples.networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Attention sequence-to-sequence translation model in the style of Luong et al. (2015) and the
 * TensorFlow NMT tutorial: source and target embeddings, a 2-layer LSTM encoder, a 2-layer LSTM
 * decoder, global attention with the "general" score, the attentional layer
 * {@code tanh(W_c [context; h_t])} and a softmax over the target vocabulary. Run with teacher forcing:
 * one forward pass maps (source ids, shifted target ids) to next-token distributions at every target
 * position. Full-size defaults: 32,000-token vocabularies, 512-wide embeddings and LSTMs.
 *
 * <p>Inputs (token ids as floats, NCW): {@value #SOURCE_INPUT} {@code [batch, 1, sourceLength]} and
 * {@value #TARGET_INPUT} {@code [batch, 1, targetLength]}; output {@code output}
 * {@code [batch, targetVocab, targetLength]} (softmax over axis 1).
 *
 * <p>Vertices: {@code src_embed}, {@code enc_lstm1}, {@code enc_lstm2}, {@code enc_last},
 * {@code enc_context}, {@code tgt_embed}, {@code dec_input}, {@code dec_lstm1}, {@code dec_lstm2},
 * {@code attn_query} (W_a, no bias), {@code attention} (scaled dot product of W_a h_t with the encoder
 * states, DL4J's {@link AttentionVertex} without its own projections), {@code attn_concat},
 * {@code attn_combine} (W_c, no bias, tanh), {@code output} (with bias).
 *
 * <p>Two departures forced by DL4J's feed-forward graph, stated here so the count can be read: (1) the
 * decoder cannot be started from the encoder's final state, so the encoder's last top-layer state is
 * instead concatenated to every decoder input (decoder layer 1 therefore reads 1024 features, the
 * same shape as Luong's input feeding, which itself cannot be expressed since it feeds the attentional
 * output of step t-1 back in); (2) the dot product is scaled by 1/sqrt(512). Weights are initialised
 * uniformly in [-0.1, 0.1] as in the TensorFlow NMT tutorial.
 *
 * <p>Stateless and thread-safe.
 */
public final class AttentionNmt {

    /** Name of the source token-id input. */
    public static final String SOURCE_INPUT = "source";
    /** Name of the (shifted, teacher-forced) target token-id input. */
    public static final String TARGET_INPUT = "target_in";
    /** Source vocabulary size of the full-size model, in tokens. */
    public static final int SOURCE_VOCAB = 32_000;
    /** Target vocabulary size of the full-size model, in tokens. */
    public static final int TARGET_VOCAB = 32_000;
    /** Embedding width and LSTM width of the full-size model. */
    public static final int UNITS = 512;

    private AttentionNmt() {
    }

    /**
     * Returns the full-size configuration (32k/32k vocabularies, 512 units) without allocating weights.
     *
     * @param seed seed of the weight initialisation
     * @return the built configuration
     */
    public static ComputationGraphConfiguration configuration(long seed) {
        return configuration(SOURCE_VOCAB, TARGET_VOCAB, UNITS, seed);
    }

    /**
     * Returns the configuration for the given sizes without allocating weights.
     *
     * @param sourceVocab source vocabulary size, in tokens (positive)
     * @param targetVocab target vocabulary size, in tokens (positive)
     * @param units       width of the embeddings, LSTMs and attention (positive)
     * @param seed        seed of the weight initialisation
     * @return the built configuration
     */
    public static ComputationGraphConfiguration configuration(int sourceVocab, int targetVocab, int units,
                                                              long seed) {
        return configuration(new Size(sourceVocab, targetVocab, units, units, 2), seed, null, 0, false);
    }

    /**
     * The sizes of a (small) model: vocabularies, embedding width, LSTM/attention width and depth.
     * Immutable.
     *
     * @param sourceVocab source vocabulary size, in tokens (positive)
     * @param targetVocab target vocabulary size, in tokens (positive)
     * @param embedding   width of the source and target embeddings (positive)
     * @param units       width of the LSTMs and the attention (positive)
     * @param layers      LSTM layers in the encoder and, as many, in the decoder (positive)
     */
    public record Size(int sourceVocab, int targetVocab, int embedding, int units, int layers) {

        /**
         * Validates the sizes.
         *
         * @throws IllegalArgumentException naming the first value that is not positive
         */
        public Size {
            positive("sourceVocab", sourceVocab);
            positive("targetVocab", targetVocab);
            positive("embedding", embedding);
            positive("units", units);
            positive("layers", layers);
        }
    }

    /**
     * Returns the configuration for the given sizes and training settings without allocating weights.
     * With {@code new Size(v, w, u, u, 2)}, no updater, no clipping and dense labels this is exactly
     * {@link #configuration(int, int, int, long)}. Layer names are those listed above, with
     * {@code enc_lstm1..enc_lstmN} and {@code dec_lstm1..dec_lstmN} for {@code N = size.layers()};
     * the attention reads the top encoder layer and the top decoder layer.
     *
     * @param size          the sizes
     * @param seed          seed of the weight initialisation
     * @param updater       the updater of every layer (e.g. Adam with a schedule), or {@code null} for DL4J's default
     * @param clipL2        per-layer gradient L2-norm clipping threshold, or 0 for none (must not be negative)
     * @param sparseLabels  {@code true} for {@link LossFunction#SPARSE_MCXENT} (labels are token ids
     *                      {@code [batch, 1, targetLength]}), {@code false} for MCXENT on one-hot labels
     * @return the built configuration
     */
    public static ComputationGraphConfiguration configuration(Size size, long seed, IUpdater updater, double clipL2,
                                                              boolean sparseLabels) {
        if (!(clipL2 >= 0)) {
            throw new IllegalArgumentException("clipL2 must be >= 0, got " + clipL2);
        }
        int units = size.units();
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(new WeightInitDistribution(new UniformDistribution(-0.1, 0.1)));
        if (updater != null) {
            base.updater(updater);
        }
        if (clipL2 > 0) {
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(clipL2);
        }
        GraphBuilder g = base.graphBuilder().addInputs(SOURCE_INPUT, TARGET_INPUT);
        // No setInputTypes: DL4J's type inference would overwrite each embedding's nIn (the vocabulary
        // size) with the input's feature size 1, so every nIn is set explicitly instead.
        g.addLayer("src_embed", embedding(size.sourceVocab(), size.embedding()), SOURCE_INPUT);
        String below = "src_embed";
        int nIn = size.embedding();
        for (int i = 1; i <= size.layers(); i++) {
            g.addLayer("enc_lstm" + i, lstm(nIn, units), below);
            below = "enc_lstm" + i;
            nIn = units;
        }
        String encoderTop = below;
        g.addVertex("enc_last", new LastTimeStepVertex(SOURCE_INPUT), encoderTop);
        g.addVertex("enc_context", new DuplicateToTimeSeriesVertex(TARGET_INPUT), "enc_last");
        g.addLayer("tgt_embed", embedding(size.targetVocab(), size.embedding()), TARGET_INPUT);
        g.addVertex("dec_input", new MergeVertex(), "tgt_embed", "enc_context");
        below = "dec_input";
        nIn = size.embedding() + units;
        for (int i = 1; i <= size.layers(); i++) {
            g.addLayer("dec_lstm" + i, lstm(nIn, units), below);
            below = "dec_lstm" + i;
            nIn = units;
        }
        String decoderTop = below;
        g.addLayer("attn_query", timeDistributedDense(units, units, Activation.IDENTITY), decoderTop);
        g.addVertex("attention", new AttentionVertex.Builder()
                .nInQueries(units).nInKeys(units).nInValues(units).nOut(units)
                .nHeads(1).projectInput(false)
                .build(), "attn_query", encoderTop, encoderTop);
        g.addVertex("attn_concat", new MergeVertex(), "attention", decoderTop);
        g.addLayer("attn_combine", timeDistributedDense(2 * units, units, Activation.TANH), "attn_concat");
        g.addLayer("output", new RnnOutputLayer.Builder(sparseLabels ? LossFunction.SPARSE_MCXENT : LossFunction.MCXENT)
                .nIn(units)
                .nOut(size.targetVocab())
                .activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW)
                .build(), "attn_combine");
        g.setOutputs("output");
        return g.build();
    }

    /**
     * Builds the full-size model with seeded weights.
     *
     * @param seed seed of the weight initialisation
     * @return the initialised network
     */
    public static ComputationGraph network(long seed) {
        return GraphBlocks.initialise(configuration(seed));
    }

    private static EmbeddingSequenceLayer embedding(int vocab, int units) {
        return new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(units).hasBias(false).build();
    }

    private static LSTM lstm(int nIn, int units) {
        return new LSTM.Builder().nIn(nIn).nOut(units)
                .activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID)
                .forgetGateBiasInit(1.0)
                .build();
    }

    private static TimeDistributed timeDistributedDense(int nIn, int units, Activation activation) {
        return new TimeDistributed(new DenseLayer.Builder().nIn(nIn).nOut(units).hasBias(false)
                .activation(activation).build(), RNNFormat.NCW);
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
