package dev.compressor.prune.structured;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.CompressedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ChannelPruningTest {

    static INDArray images(long seed, int n, int channels) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, channels, 8, 8);
    }

    @Test
    void handPrunedAndLibraryPrunedTinyNetworkAgree() {
        MultiLayerNetwork net = TinyNetworks.convChain(4, 7);
        // by hand: L1 norm of each filter, keep the two largest, cut every tensor that follows them
        INDArray w = net.getParam("0_W");
        double[] norms = new double[4];
        for (int c = 0; c < 4; c++) {
            norms[c] = w.get(NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                    .norm1Number().doubleValue();
        }
        long[] keep = java.util.stream.IntStream.range(0, 4).boxed()
                .sorted((a, b) -> Double.compare(norms[b], norms[a])).limit(2).sorted().mapToLong(i -> i).toArray();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2))
                .build();
        MultiLayerNetwork hand = new MultiLayerNetwork(conf);
        hand.init();
        INDArrayIndex ch = NDArrayIndex.indices(keep);
        hand.getParam("0_W").assign(w.get(ch, NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()));
        hand.getParam("0_b").assign(net.getParam("0_b").get(NDArrayIndex.all(), ch));
        for (String k : List.of("gamma", "beta", "mean", "log10stdev")) { // DL4J stores log10(std), not var
            INDArray p = net.getParam("1_" + k);
            hand.getParam("1_" + k).assign(p.rank() == 1 ? p.get(ch) : p.get(NDArrayIndex.all(), ch));
        }
        long[] rows = new long[2 * 16]; // NCHW flatten of a 4x4 map: channel c owns rows c*16 .. c*16+15
        for (int j = 0; j < 2; j++) {
            for (int s = 0; s < 16; s++) {
                rows[j * 16 + s] = keep[j] * 16 + s;
            }
        }
        hand.getParam("4_W").assign(net.getParam("4_W").get(NDArrayIndex.indices(rows), NDArrayIndex.all()));
        hand.getParam("4_b").assign(net.getParam("4_b"));
        hand.getParam("5_W").assign(net.getParam("5_W"));
        hand.getParam("5_b").assign(net.getParam("5_b"));

        CompressionResult r = ChannelPruning.ratio(0.5).layers("layer0").compress(net);
        MultiLayerNetwork lib = (MultiLayerNetwork) r.network();
        assertEquals(hand.params(), lib.params());
        INDArray x = images(3, 5, 2);
        assertEquals(hand.output(x), lib.output(x));
        assertEquals(net.numParams() - (2 * 2 * 9 + 2 + 2 * 4 + 2 * 16 * 5), lib.numParams());
    }

    @Test
    void ratioZeroGivesIdenticalOutputsOnAGraphWithResidualAndConcat() {
        ComputationGraph g = TinyNetworks.residualConcat(5);
        CompressionResult r = ChannelPruning.ratio(0).compress(g);
        ComputationGraph same = (ComputationGraph) r.network();
        INDArray x = images(9, 4, 3);
        assertEquals(g.outputSingle(x), same.outputSingle(x));
        assertEquals(g.numParams(), same.numParams());
        MultiLayerNetwork chain = TinyNetworks.convChain(4, 8);
        MultiLayerNetwork sameChain = (MultiLayerNetwork) ChannelPruning.ratio(0).compress(chain).network();
        INDArray y = images(2, 3, 2);
        assertEquals(chain.output(y), sameChain.output(y));
    }

    /** Channels whose weights are zero contribute nothing, so removing them must not change the outputs. */
    @Test
    void removingDeadChannelsThroughAddAndConcatLeavesOutputsUnchanged(@TempDir Path dir) throws Exception {
        ComputationGraph g = TinyNetworks.residualConcat(11);
        kill(g, "c1", 0, 2);
        kill(g, "b1", 0, 2);
        kill(g, "c2", 0, 2);
        kill(g, "b2", 0, 2);
        kill(g, "c3", 1, 2);
        kill(g, "c4", 0, 3, 5);
        kill(g, "c5", 1, 4, 5);
        kill(g, "d", 0, 1, 5, 6);
        INDArray x = images(1, 6, 3);
        INDArray before = g.outputSingle(x);

        ChannelPlan plan = ChannelPruning.plan(g);
        ChannelGroup residual = plan.groupOf("c2");
        assertEquals(List.of("c1", "c2"), residual.producers());
        assertEquals(List.of("b1", "b2"), residual.normalizations());
        assertEquals(List.of("c2", "c3", "c4"), residual.consumers());
        assertEquals(5, plan.prunable().size(), plan.toString());

        CompressionResult r = ChannelPruning.ratio(0.5).compress(g);
        ComputationGraph small = (ComputationGraph) r.network();
        assertArrayEquals(new long[] {2, 3, 3, 3}, small.getParam("c1_W").shape());
        assertArrayEquals(new long[] {2, 2, 3, 3}, small.getParam("c2_W").shape());
        assertArrayEquals(new long[] {3, 5, 3, 3}, small.getParam("c5_W").shape()); // 2 of c3 + 3 of c4
        assertArrayEquals(new long[] {3, 4}, small.getParam("d_W").shape());
        assertTrue(before.equalsWithEps(small.outputSingle(x), 1e-5), before + " vs " + small.outputSingle(x));

        Path file = dir.resolve("small.dlc");
        r.artifact().write(file);
        ComputationGraph back = CompressedModel.read(file).restoreComputationGraph();
        assertEquals(small.outputSingle(x), back.outputSingle(x));
        assertTrue(r.report().total().parameters() < g.numParams());
    }

    @Test
    void l2CriterionAndConvolutionsOnlyChooseTheirGroups() {
        ComputationGraph g = TinyNetworks.residualConcat(2);
        ComputationGraph small = (ComputationGraph) ChannelPruning.ratio(0.5).convolutionsOnly()
                .criterion(ChannelCriterion.L2).compress(g).network();
        assertEquals(8, small.getParam("d_W").shape()[1], "dense units stay");
        assertEquals(3, small.getParam("d_W").shape()[0]);
    }

    @Test
    void layersThatCannotBePrunedAreRejectedWithTheReason() {
        ComputationGraph g = TinyNetworks.residualConcat(3);
        Map<String, String> expected = Map.of(
                "out", "output layer",
                "b1", "not a convolution or dense layer",
                "nope", "no layer named");
        expected.forEach((layer, reason) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChannelPruning.ratio(0.5).layers(layer).compress(g));
            assertTrue(e.getMessage().contains(reason), e.getMessage());
        });
        ComputationGraph lrn = TinyNetworks.withLrn();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChannelPruning.ratio(0.5).layers("c1").compress(lrn));
        assertTrue(e.getMessage().contains("LocalResponseNormalization"), e.getMessage());
        assertFalse(ChannelPruning.plan(lrn).groupOf("c1").prunable());
        assertTrue(ChannelPruning.plan(lrn).groupOf("c2").prunable());
        assertThrows(IllegalArgumentException.class, () -> ChannelPruning.ratio(1.0));
        assertThrows(IllegalArgumentException.class, () -> ChannelPruning.ratio(-0.1));
    }

    @Test
    void nanWeightsAreRejected() {
        ComputationGraph g = TinyNetworks.residualConcat(4);
        g.getParam("c3_W").putScalar(5, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChannelPruning.ratio(0.5).compress(g));
        assertTrue(e.getMessage().contains("c3_W") && e.getMessage().contains("NaN"), e.getMessage());
    }

    /** Zeroes output channels of a layer: weights and bias of a conv/dense, beta and mean of a BN. */
    static void kill(ComputationGraph g, String layer, int... channels) {
        for (int c : channels) {
            if (layer.startsWith("b")) {
                g.getParam(layer + "_beta").putScalar(c, 0);
                g.getParam(layer + "_mean").putScalar(c, 0);
                continue;
            }
            INDArray w = g.getParam(layer + "_W");
            long[] shape = w.shape();
            if (layer.equals("d")) {
                for (int i = 0; i < shape[0]; i++) {
                    w.putScalar(new long[] {i, c}, 0);
                }
            } else {
                for (int i = 0; i < shape[1]; i++) {
                    for (int h = 0; h < shape[2]; h++) {
                        for (int k = 0; k < shape[3]; k++) {
                            w.putScalar(new long[] {c, i, h, k}, 0);
                        }
                    }
                }
            }
            g.getParam(layer + "_b").putScalar(c, 0);
        }
    }
}
