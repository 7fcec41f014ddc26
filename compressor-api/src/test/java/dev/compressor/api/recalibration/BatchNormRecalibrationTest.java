package dev.compressor.api.recalibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.api.CompressionResult;
import dev.compressor.api.testdata.FashionMnist;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Recalibration of a small CNN trained on real Fashion-MNIST, then pruned (70 % of every weight
 * tensor's smallest magnitudes set to zero here, as magnitude pruning does): the running statistics
 * become those measured directly on the data, and nothing else moves.
 */
class BatchNormRecalibrationTest {

    static MultiLayerNetwork trained;
    static INDArray calibration;

    @BeforeAll
    static void train() {
        trained = cnn();
        trained.fit(new ListDataSetIterator<>(new DataSet(FashionMnist.train().features(2048),
                FashionMnist.train().oneHotLabels(2048)).batchBy(64), 1));
        calibration = FashionMnist.test().features(300);
    }

    /** BN on the input (behind a FeedForwardToCnn preprocessor, log-std), after a convolution, after a dense layer. */
    static MultiLayerNetwork cnn() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(2e-3))
                .weightInit(WeightInit.RELU).list()
                .layer(new BatchNormalization.Builder().useLogStd(true).activation(Activation.IDENTITY).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new SubsamplingLayer.Builder().kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Magnitude pruning done by hand: in every W, the 70 % smallest magnitudes become 0. */
    static MultiLayerNetwork pruned() {
        MultiLayerNetwork net = trained.clone();
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            if (e.getKey().endsWith("_W")) {
                INDArray w = e.getValue();
                float[] abs = w.dup().data().asFloat();
                for (int i = 0; i < abs.length; i++) {
                    abs[i] = Math.abs(abs[i]);
                }
                float[] sorted = abs.clone();
                java.util.Arrays.sort(sorted);
                float cut = sorted[(int) (0.7 * sorted.length)];
                w.muli(Nd4j.createFromArray(abs).reshape(w.shape()).gte(cut).castTo(DataType.FLOAT));
            }
        }
        return net;
    }

    /** Mean and population variance of the BN layers' inputs, measured with ND4J reductions. */
    static INDArray[] measured(MultiLayerNetwork net, int bnLayer) {
        List<INDArray> acts = net.feedForward(calibration, false);
        INDArray in = acts.get(bnLayer);
        if (bnLayer == 0) {
            in = in.reshape(in.size(0), 1, 28, 28);
        }
        int[] dims = in.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
        in = in.castTo(DataType.DOUBLE);
        return new INDArray[] {in.mean(dims), in.var(false, dims)};
    }

    @Test
    void runningStatisticsBecomeThoseOfTheDataAndNothingElseMoves() {
        MultiLayerNetwork net = pruned();
        Map<String, INDArray> before = new java.util.HashMap<>();
        net.paramTable().forEach((k, v) -> before.put(k, v.dup()));
        INDArray staleMean = net.getParam("2_mean").dup();
        Recalibration r = BatchNormRecalibration.of(calibration).recalibrate(net);

        assertEquals(List.of("layer0", "layer2", "layer6"), r.layers(), "DL4J's default layer names");
        assertEquals(300, r.examples());
        for (int layer : new int[] {0, 2, 6}) {
            INDArray[] m = measured(net, layer);   // with the earlier layers' new statistics, as inference runs
            INDArray mean = net.getParam(layer + "_mean").reshape(-1).castTo(DataType.DOUBLE);
            assertArrayEquals(m[0].castTo(DataType.DOUBLE).toDoubleVector(), mean.toDoubleVector(), 1e-4,
                    "mean of layer " + layer);
            assertArrayEquals(m[1].castTo(DataType.DOUBLE).toDoubleVector(), variance(net, layer), 2e-4,
                    "variance of layer " + layer);
        }
        // the statistics did move: pruning had left them far from the data's
        double moved = staleMean.distance2(net.getParam("2_mean"));
        assertTrue(moved > 1e-2, "pruning should have left the statistics stale, moved " + moved);
        // every parameter other than the running statistics is bit for bit the same
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            boolean statistic = e.getKey().endsWith("_mean") || e.getKey().endsWith("_var")
                    || e.getKey().endsWith("_log10stdev");
            if (!statistic) {
                assertEquals(before.get(e.getKey()), e.getValue(), e.getKey() + " must not change");
            }
        }
    }

    private static double[] variance(MultiLayerNetwork net, int layer) {
        BatchNormalization bn = (BatchNormalization) net.getLayer(layer).conf().getLayer();
        if (!bn.isUseLogStd()) {
            return net.getParam(layer + "_var").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        }
        double[] log = net.getParam(layer + "_log10stdev").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] v = new double[log.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.pow(10, 2 * log[i]);
        }
        return v;
    }

    @Test
    void inferenceThenNormalisesEachChannelOfTheData() {
        MultiLayerNetwork net = pruned();
        BatchNormRecalibration.of(calibration).recalibrate(net);
        INDArray out = net.feedForwardToLayer(2, calibration, false).get(3);   // output of BN layer 2
        double[] mean = out.mean(0, 2, 3).castTo(DataType.DOUBLE).toDoubleVector();
        double[] beta = net.getParam("2_beta").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        assertArrayEquals(beta, mean, 1e-3, "each channel's output mean is beta once the statistics fit the data");
    }

    @Test
    void asACompressorTheArtifactCarriesTheNewStatisticsAsExactFloats() {
        MultiLayerNetwork net = pruned();
        BatchNormRecalibration bn = BatchNormRecalibration.of(calibration);
        CompressionResult r = bn.compress(net);
        MultiLayerNetwork inPlace = net.clone();
        bn.recalibrate(inPlace);
        assertEquals(inPlace.params(), ((MultiLayerNetwork) r.network()).params());
        assertTrue(r.state().steps().contains("bn-recalibration(300 examples)"), r.state().steps().toString());
        assertEquals(trained.params().length(), net.params().length(), "the input network was not changed");
        assertEquals(net.params(), pruned().params(), "the input network was not changed");
    }

    @Test
    void readsAtMostTheRequestedExamplesFromAnIteratorAndResetsIt() {
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(new DataSet(FashionMnist.test().features(500),
                FashionMnist.test().oneHotLabels(500)).batchBy(64), 1);
        BatchNormRecalibration fromIterator = BatchNormRecalibration.from(it, 300);
        assertEquals(300, fromIterator.examples());
        assertTrue(it.hasNext() && it.next().numExamples() == 64, "the iterator was reset");
        MultiLayerNetwork a = pruned();
        MultiLayerNetwork b = pruned();
        fromIterator.recalibrate(a);
        BatchNormRecalibration.of(calibration).recalibrate(b);
        assertTrue(a.params().equalsWithEps(b.params(), 1e-5), "the same 300 test images either way");
    }

    @Test
    void aGraphWithABatchNormOnItsInputIsRecalibratedToo() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).weightInit(WeightInit.RELU)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(28, 28, 1))
                .addLayer("bn0", new BatchNormalization.Builder().build(), "in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "bn0")
                .addLayer("bn1", new BatchNormalization.Builder().useLogStd(false).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "bn1")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray x = FashionMnist.test().images(200);
        Recalibration r = BatchNormRecalibration.of(x).withTicker(fakeTicker()).recalibrate(g);
        assertEquals(List.of("bn0", "bn1"), r.layers());
        assertEquals(1_000_000L, r.nanos(), "two readings of a ticker that advances 1 ms a reading");
        assertEquals(x.meanNumber().doubleValue(), g.getParam("bn0_mean").getDouble(0), 1e-4);
        INDArray conv = g.feedForward(new INDArray[] {x}, false).get("conv");
        assertArrayEquals(conv.var(false, 0, 2, 3).castTo(DataType.DOUBLE).toDoubleVector(),
                g.getParam("bn1_var").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 1e-4);
    }

    @Test
    void everyBatchNormOfAResidualGraphGetsItsOwnInput() {
        // two branches of two convolutions each and a batch norm on their sum (a vertex without a layer):
        // vertex indices are not positions in the topological order here, which is what the partial
        // inference pass counts in (the small tier's ResNets failed with a null input on both counts)
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(5)
                .weightInit(WeightInit.RELU).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(12, 12, 1))
                .addLayer("stem", conv(4), "in");
        for (String branch : new String[] {"p", "q"}) {
            b.addLayer(branch + "1", conv(4), "stem").addLayer(branch + "1_bn", new BatchNormalization.Builder()
                    .activation(Activation.RELU).build(), branch + "1")
                    .addLayer(branch + "2", conv(4), branch + "1_bn")
                    .addLayer(branch + "2_bn", new BatchNormalization.Builder().build(), branch + "2");
        }
        ComputationGraph g = new ComputationGraph(b.addVertex("add", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add), "p2_bn", "q2_bn")
                .addLayer("sum_bn", new BatchNormalization.Builder().useLogStd(false).build(), "add")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "sum_bn")
                .setOutputs("out").build());
        g.init();
        INDArray x = FashionMnist.test().images(64).reshape(64, 1, 28, 28)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(8, 20),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(8, 20)).dup();
        Recalibration r = BatchNormRecalibration.of(x).recalibrate(g);
        assertEquals(5, r.layers().size(), r.layers().toString());
        Map<String, INDArray> acts = g.feedForward(new INDArray[] {x}, false);
        for (String bn : r.layers()) {
            String input = g.getConfiguration().getVertexInputs().get(bn).get(0);
            assertArrayEquals(acts.get(input).mean(0, 2, 3).castTo(DataType.DOUBLE).toDoubleVector(),
                    g.getParam(bn + "_mean").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 1e-3,
                    bn + " normalises " + input + " (ND4J's float mean against the recalibration's double sums)");
        }
    }

    @Test
    void onePassGivesNearlyTheExactStatisticsOfEveryLayer() {
        MultiLayerNetwork exact = pruned();
        MultiLayerNetwork fast = pruned();
        BatchNormRecalibration bn = BatchNormRecalibration.of(calibration);
        bn.recalibrate(exact);
        Recalibration r = bn.inOnePass().recalibrate(fast);
        assertEquals(List.of("layer0", "layer2", "layer6"), r.layers());
        for (int layer : new int[] {0, 2, 6}) {
            double[] e = exact.getParam(layer + "_mean").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            double[] f = fast.getParam(layer + "_mean").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            for (int c = 0; c < e.length; c++) {
                assertEquals(e[c], f[c], 1e-2 * Math.max(1, Math.abs(e[c])), "layer " + layer + " channel " + c
                        + ": training- and inference-mode normalisation differ a little in DL4J");
            }
            assertArrayEquals(variance(exact, layer), variance(fast, layer), 2e-2 * Math.max(1,
                    java.util.Arrays.stream(variance(exact, layer)).max().orElse(1)), "variance of layer " + layer);
        }
        assertEquals(exact.getParam("0_mean"), exact.getParam("0_mean"));
        assertTrue(exact.getParam("2_mean").distance2(fast.getParam("2_mean")) > 0,
                "not the exact method under another name");
    }

    private static ConvolutionLayer conv(int channels) {
        return new ConvolutionLayer.Builder(3, 3).nOut(channels).activation(Activation.IDENTITY)
                .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same).build();
    }

    private static Ticker fakeTicker() {
        return new Ticker() {
            private long now;

            @Override
            public long read() {
                now += 1_000_000L;
                return now;
            }
        };
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormRecalibration.from(FashionMnist.test().iterator(10), 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNormRecalibration.of(Nd4j.zeros(3, 784),
                Nd4j.zeros(4, 784)));
        assertTrue(e.getMessage().contains("4 examples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNormRecalibration.of());
        assertTrue(e.getMessage().contains("got none"), e.getMessage());
        MultiLayerNetwork uninitialised = new MultiLayerNetwork(cnn().getLayerWiseConfigurations());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormRecalibration.of(calibration).recalibrate(uninitialised));
        assertTrue(e.getMessage().contains("init()"), e.getMessage());
    }
}
