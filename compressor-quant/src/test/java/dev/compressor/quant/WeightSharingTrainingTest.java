package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.prune.Pruning;
import dev.compressor.quant.QatNetworks.Kind;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Deep Compression's retraining of shared weights on real DL4J networks (dense and convolutional,
 * MultiLayerNetwork and ComputationGraph): weights stay shared through {@code fit}, zeros stay zero,
 * the centroid update is the gradient-sum rule, and the artifact reproduces the trained network.
 */
class WeightSharingTrainingTest {

    static Stream<Arguments> networks() {
        return Stream.of(Arguments.of(Kind.DENSE, false), Arguments.of(Kind.DENSE, true),
                Arguments.of(Kind.CONV, false), Arguments.of(Kind.CONV, true));
    }

    /** The weight tensors' values in flat order, by name. */
    private static CompressionState state(Model net) {
        return CompressionState.of(net, Compressor.DEFAULT_SEED);
    }

    private static Set<Float> nonZeroValues(float[] v) {
        Set<Float> s = new HashSet<>();
        for (float x : v) {
            if (x != 0) {
                s.add(x);
            }
        }
        return s;
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static void assertShared(Model net, int bits) {
        for (TensorState t : state(net).tensors()) {
            if (TensorSelector.weights().test(t.info())) {
                int n = nonZeroValues(t.values().data()).size();
                assertTrue(n <= 1 << bits, t.name() + " has " + n + " distinct non-zero values, more than " + (1 << bits));
                assertTrue(n > 1, t.name() + " keeps more than one shared value");
            }
        }
    }

    @Test
    void prepareClustersExactlyAsTheKMeansQuantizer() {
        Model net = QatNetworks.build(Kind.CONV, false);
        float[] postTraining = Quantization.kmeans(3).build().compress(net).network().params().toFloatVector();
        WeightSharingTraining.bits(3).prepare(net);
        assertArrayEquals(postTraining, net.params().toFloatVector(), "the centroids of KMeansQuantizer, in place");
    }

    @ParameterizedTest(name = "{0} graph={1}")
    @MethodSource("networks")
    void weightsStaySharedThroughTrainingAndTheArtifactReproducesThem(Kind kind, boolean graph) throws Exception {
        Model net = QatNetworks.build(kind, graph);
        DataSet train = QatNetworks.data(kind, 32, 1);
        WeightSharingTraining sharing = WeightSharingTraining.bits(3);
        sharing.prepare(net);
        float[] prepared = net.params().toFloatVector();
        for (int i = 0; i < 15; i++) {
            QatNetworks.fit(net, train);   // Adam: equal moments within a cluster keep the members equal
        }
        assertFalse(Arrays.equals(prepared, net.params().toFloatVector()), "training moved the weights");
        assertShared(net, 3);

        CompressionResult r = sharing.compress(net);
        CompressedModel read = CompressedModel.fromBytes(r.artifact().toBytes(OuterCompression.NONE), ReadLimits.DEFAULT);
        assertArrayEquals(net.params().toFloatVector(), read.decodeParameters(), "trained values stored bit for bit");
        INDArray x = QatNetworks.data(kind, 16, 2).getFeatures();
        // the same parameters, bit for bit, through the same kernels: the outputs are identical
        assertArrayEquals(flat(QatNetworks.output(net, x)),
                flat(QatNetworks.output(read.restore(), x)), 0f, "restored outputs equal the trained ones");
        assertTrue(read.tensors().stream().anyMatch(t -> t.encodingDescription().contains("kmeans3")),
                "codebook encoding: " + read.tensors());
    }

    /** Sets the smallest 90 % of each weight tensor to zero (magnitude pruning), in place. */
    private static void prune90(Model net) {
        INDArray params = net.params();
        float[] all = params.toFloatVector();
        for (TensorState t : state(net).tensors()) {
            if (!TensorSelector.weights().test(t.info())) {
                continue;
            }
            int off = (int) t.info().flatOffset();
            float[] mags = new float[t.info().length()];
            for (int i = 0; i < mags.length; i++) {
                mags[i] = Math.abs(all[off + i]);
            }
            float[] sorted = mags.clone();
            Arrays.sort(sorted);
            float threshold = sorted[(int) (0.9 * sorted.length)];
            for (int i = 0; i < mags.length; i++) {
                if (mags[i] < threshold) {
                    all[off + i] = 0;
                }
            }
        }
        params.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(all).reshape(params.shape()));
    }

    /** Wraps the tensors that hold zeros in the test sparse encoding, values unchanged. */
    private static final Compressor KEEP_ZEROS_SPARSE = new Compressor() {
        @Override
        public String describe() {
            return "test-sparse";
        }

        @Override
        public CompressionState apply(CompressionState s) {
            return s.map(TensorSelector.weights(), t -> t.withEncoder(
                    new TestSparseEncoding.Encoder(t.encoder()))).withStep(describe());
        }
    };

    @ParameterizedTest(name = "{0} graph={1}")
    @MethodSource("networks")
    void zerosOfAPrunedNetworkStayZero(Kind kind, boolean graph) throws Exception {
        Model net = QatNetworks.build(kind, graph);
        DataSet train = QatNetworks.data(kind, 32, 1);
        for (int i = 0; i < 3; i++) {
            QatNetworks.fit(net, train);   // Adam moments now differ per weight: prepare must equalise them
        }
        prune90(net);
        float[] pruned = net.params().toFloatVector();
        WeightSharingTraining sharing = WeightSharingTraining.bits(2);
        sharing.prepare(net);
        for (int i = 0; i < 15; i++) {
            QatNetworks.fit(net, train);
        }
        float[] trained = net.params().toFloatVector();
        int zeros = 0;
        for (TensorState t : state(net).tensors()) {
            if (TensorSelector.weights().test(t.info())) {
                int off = (int) t.info().flatOffset();
                for (int i = 0; i < t.info().length(); i++) {
                    if (pruned[off + i] == 0) {
                        zeros++;
                        assertEquals(0f, Math.abs(trained[off + i]), t.name() + "[" + i + "] stays zero");
                    } else {
                        assertTrue(trained[off + i] != 0, t.name() + "[" + i + "] was not pruned");
                    }
                }
            }
        }
        assertTrue(zeros > 0.85 * state(net).tensors().stream().filter(t -> TensorSelector.weights().test(t.info()))
                .mapToInt(t -> t.info().length()).sum(), "about 90 % zeros: " + zeros);
        assertShared(net, 2);

        // a tensor whose used centroids and zero fit 2^bits entries is stored densely; others need the sparse step
        boolean fitsDense = state(net).tensors().stream().filter(t -> TensorSelector.weights().test(t.info()))
                .allMatch(t -> nonZeroValues(t.values().data()).size() + 1 <= 4);
        if (fitsDense) {
            assertArrayEquals(trained, CompressedModel.fromBytes(sharing.compress(net).artifact()
                    .toBytes(OuterCompression.NONE), ReadLimits.DEFAULT).decodeParameters());
        } else {
            assertThrows(IllegalArgumentException.class, () -> sharing.compress(net));
        }
        CompressionResult r = sharing.compress(net, KEEP_ZEROS_SPARSE);
        CompressedModel read = CompressedModel.fromBytes(r.artifact().toBytes(OuterCompression.NONE), ReadLimits.DEFAULT);
        assertArrayEquals(trained, read.decodeParameters(), "trained values stored bit for bit");
        INDArray x = QatNetworks.data(kind, 16, 2).getFeatures();
        assertArrayEquals(flat(QatNetworks.output(net, x)),
                flat(QatNetworks.output(read.restore(), x)), 0f);
    }

    @Test
    void aTensorWithZerosAndEveryCentroidUsedNeedsTheSparseStep() throws Exception {
        Model net = QatNetworks.build(Kind.DENSE, false);
        INDArray params = net.params();
        float[] all = params.toFloatVector();
        for (int i = 0; i < all.length; i += 2) {
            all[i] = 0;   // every other weight zero: the kept values still span the whole range
        }
        params.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(all).reshape(params.shape()));
        WeightSharingTraining sharing = WeightSharingTraining.bits(2);
        sharing.prepare(net);
        QatNetworks.fit(net, QatNetworks.data(Kind.DENSE, 32, 1));
        assertEquals(4, nonZeroValues(state(net).tensor("0_W").values().data()).size(), "four centroids and zero");
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> sharing.compress(net));
        assertTrue(dense.getMessage().contains("'0_W'") && dense.getMessage().contains("holds zeros")
                && dense.getMessage().contains("compress(network, sparsity)"), dense.getMessage());
        CompressedModel read = CompressedModel.fromBytes(sharing.compress(net, KEEP_ZEROS_SPARSE).artifact()
                .toBytes(OuterCompression.NONE), ReadLimits.DEFAULT);
        assertArrayEquals(net.params().toFloatVector(), read.decodeParameters());

        // the documented sparse step: magnitude pruning to 0 % keeps the zeros there are, in a sparse encoding
        CompressionResult pruned = sharing.compress(net, Pruning.magnitude(0.0));
        CompressedModel back = CompressedModel.fromBytes(pruned.artifact().toBytes(OuterCompression.NONE),
                ReadLimits.DEFAULT);
        assertArrayEquals(net.params().toFloatVector(), back.decodeParameters());
        assertTrue(back.tensors().stream().anyMatch(t -> t.encodingDescription().contains("kmeans2")),
                "sparse around the codebook: " + back.tensors());
        INDArray x = QatNetworks.data(Kind.DENSE, 8, 2).getFeatures();
        assertArrayEquals(flat(QatNetworks.output(net, x)), flat(QatNetworks.output(back.restore(), x)), 0f);
        // Deep Compression's last stage: the shared indices entropy-coded, values unchanged
        CompressionState coded = new EntropyCodedCodebooks().apply(pruned.state());
        assertArrayEquals(net.params().toFloatVector(), CompressedModel.fromBytes(CompressionResult.of(coded, "coded", 0)
                .artifact().toBytes(OuterCompression.NONE), ReadLimits.DEFAULT).decodeParameters());
    }

    private static MultiLayerNetwork sgdNetwork(double learningRate) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(learningRate)).list()
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(12)).build());
        net.init();
        return net;
    }

    @Test
    void oneSgdStepMovesEachCentroidByTheSumOfItsMembersGradients() {
        float lr = 0.05f;
        MultiLayerNetwork net = sgdNetwork(lr);
        DataSet batch = QatNetworks.data(Kind.DENSE, 24, 3);
        WeightSharingTraining.bits(2).prepare(net);
        float[] before = net.params().toFloatVector();
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        float[] g = net.getFlattenedGradients().toFloatVector();   // plain per-weight gradients on this batch

        net.fit(batch);
        float[] after = net.params().toFloatVector();
        int clustersChecked = 0;
        for (TensorState t : state(net).tensors()) {
            int off = (int) t.info().flatOffset();
            int n = t.info().length();
            if (!TensorSelector.weights().test(t.info())) {
                for (int i = off; i < off + n; i++) {   // biases: plain SGD
                    assertEquals(before[i] - g[i] / batch.numExamples() * lr, after[i], 0f, t.name() + "[" + (i - off) + "]");
                }
                continue;
            }
            // group the members of each centroid by their value before the step
            java.util.Map<Float, double[]> sums = new java.util.TreeMap<>();
            for (int i = off; i < off + n; i++) {
                sums.computeIfAbsent(before[i], k -> new double[1])[0] += g[i];
            }
            assertTrue(sums.size() <= 4 && sums.size() > 1, t.name() + ": " + sums.keySet());
            for (int i = off; i < off + n; i++) {
                float sum = (float) sums.get(before[i])[0];
                // DL4J's updater divides the summed loss gradient by the minibatch size, then SGD: w -= lr * g
                float expected = before[i] - sum / batch.numExamples() * lr;
                assertEquals(expected, after[i], 0f, t.name() + "[" + (i - off) + "]: centroid "
                        + before[i] + " - " + lr + " * " + sum + " / " + batch.numExamples());
            }
            clustersChecked += sums.size();
        }
        assertTrue(clustersChecked >= 6, "centroids checked: " + clustersChecked);
    }

    @Test
    void fineTuningTheCentroidsLowersTheLossOfTwoBitWeightSharing() {
        Model net = QatNetworks.build(Kind.DENSE, false);
        DataSet train = QatNetworks.data(Kind.DENSE, 64, 4);
        for (int i = 0; i < 150; i++) {
            QatNetworks.fit(net, train);
        }
        Model shared = Quantization.kmeans(2).build().compress(net).network();
        double untuned = QatNetworks.score(shared, train);
        WeightSharingTraining.bits(2).prepare(net);
        assertEquals(untuned, QatNetworks.score(net, train), 1e-6, "prepare gives the post-training k-means network");
        for (int i = 0; i < 60; i++) {
            QatNetworks.fit(net, train);
        }
        double tuned = QatNetworks.score(net, train);
        System.out.printf("2-bit weight sharing: loss %.4f untuned, %.4f after 60 steps of centroid fine-tuning%n",
                untuned, tuned);
        assertTrue(tuned < untuned, "fine-tuned loss " + tuned + " < untuned " + untuned);
        assertShared(net, 2);
    }

    @Test
    void theKMeansQuantizersLayerSettingsChooseWhatIsShared() throws Exception {
        Model net = QatNetworks.build(Kind.CONV, true);
        WeightSharingTraining sharing = WeightSharingTraining.of(Quantization.kmeans(2).layerBits("hidden", 3)
                .skipLastLayer().build());
        sharing.prepare(net);
        DataSet train = QatNetworks.data(Kind.CONV, 16, 1);
        for (int i = 0; i < 5; i++) {
            QatNetworks.fit(net, train);
        }
        CompressionState s = state(net);
        int hidden = nonZeroValues(s.tensor("hidden_W").values().data()).size();
        assertTrue(hidden > 4 && hidden <= 8, "hidden at 3 bits: " + hidden + " values");
        assertTrue(nonZeroValues(s.tensor("out_W").values().data()).size() > 8, "the last layer trains freely");
        CompressedModel read = CompressedModel.fromBytes(sharing.compress(net).artifact().toBytes(OuterCompression.NONE),
                ReadLimits.DEFAULT);
        assertArrayEquals(net.params().toFloatVector(), Arrays.copyOf(read.decodeParameters(),
                (int) net.numParams()), "hidden shared exactly, the rest fp32");
    }

    @Test
    void removeDetachesTheListener() {
        MultiLayerNetwork net = (MultiLayerNetwork) QatNetworks.build(Kind.DENSE, false);
        DataSet train = QatNetworks.data(Kind.DENSE, 32, 1);
        WeightSharingTraining.bits(2).prepare(net);
        WeightSharingTraining.remove(net);
        assertTrue(net.getListeners().stream().noneMatch(l -> l instanceof SharedWeightsListener));
        for (int i = 0; i < 3; i++) {
            net.fit(train);
        }
        assertTrue(nonZeroValues(state(net).tensor("0_W").values().data()).size() > 4,
                "without the listener the weights train apart");
        WeightSharingTraining.bits(2).prepare(net);   // may be prepared again after remove
        assertShared(net, 2);
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class, () -> WeightSharingTraining.bits(9));
        assertTrue(bits.getMessage().contains("9"), bits.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WeightSharingTraining.bits(1)).getMessage()
                .contains("1"));

        Model net = QatNetworks.build(Kind.DENSE, true);
        WeightSharingTraining none = WeightSharingTraining.of(Quantization.kmeans(4).tensors(i -> false, "nothing")
                .build());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> none.prepare(net));
        assertTrue(empty.getMessage().contains("no tensor"), empty.getMessage());

        WeightSharingTraining sharing = WeightSharingTraining.bits(4);
        sharing.prepare(net);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> sharing.prepare(net));
        assertTrue(twice.getMessage().contains("prepared already") && twice.getMessage().contains("remove"),
                twice.getMessage());
        assertTrue(((ComputationGraph) net).getListeners().stream().filter(l -> l instanceof SharedWeightsListener)
                .count() == 1, "one listener");
        ComputationGraph copy = ((ComputationGraph) net).clone();   // lists the original's listeners
        IllegalArgumentException clone = assertThrows(IllegalArgumentException.class, () -> sharing.prepare(copy));
        assertTrue(clone.getMessage().contains("clone"), clone.getMessage());
        QatNetworks.fit(net, QatNetworks.data(Kind.DENSE, 8, 1));
        assertShared(net, 4);

        MultiLayerNetwork constrained = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new DenseLayer.Builder().nOut(4).constrainWeights(new MaxNormConstraint(1.0, 1)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.feedForward(3)).build());
        constrained.init();
        IllegalArgumentException constraint = assertThrows(IllegalArgumentException.class,
                () -> WeightSharingTraining.bits(2).prepare(constrained));
        assertTrue(constraint.getMessage().contains("'0_W'") && constraint.getMessage().contains("MaxNormConstraint")
                && constraint.getMessage().contains("skipLayers(\"layer0\")"),
                constraint.getMessage());
        WeightSharingTraining.of(Quantization.kmeans(2).skipLayers("layer0").build()).prepare(constrained);

        Model untrained = QatNetworks.build(Kind.DENSE, false);
        IllegalArgumentException notShared = assertThrows(IllegalArgumentException.class,
                () -> sharing.compress(untrained));
        assertTrue(notShared.getMessage().contains("more distinct values"), notShared.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sharing.prepare(new MultiLayerNetwork(
                ((MultiLayerNetwork) untrained).getLayerWiseConfigurations())), "not initialised");
    }
}
