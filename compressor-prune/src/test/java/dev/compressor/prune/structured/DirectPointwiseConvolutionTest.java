package dev.compressor.prune.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The direct 1x1 convolution against DL4J's own convolution layer, value by value. */
class DirectPointwiseConvolutionTest {

    /**
     * 1x1 (2->5, tanh; direct input = the network input) -> 3x3 (DL4J; its output is an interleaved
     * view) -> 1x1 (4->6, sigmoid) -> batch norm -> 1x1 without bias (6->3) -> average pool ->
     * softmax output.
     */
    static MultiLayerNetwork chain(DataType type, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .updater(new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(5).activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.SIGMOID).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(3).hasBias(false).activation(Activation.TANH).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 7, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray labels(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return y;
    }

    static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertFalse(Double.isNaN(expected.sumNumber().doubleValue()), what + ": the reference is NaN");
        assertTrue(diff <= tolerance, what + ": max difference " + diff + " > " + tolerance);
    }

    @Test
    void replacesExactlyTheOneByOneStrideOneConvolutionsAndKeepsParameters() {
        MultiLayerNetwork dl4j = chain(DataType.FLOAT, 3);
        assertEquals(List.of("layer0", "layer2", "layer4"), PointwiseConvolutions.eligibleLayers(dl4j));
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
        for (int i : new int[] {0, 2, 4}) {
            assertInstanceOf(DirectPointwiseConvolution.class, direct.getLayer(i).conf().getLayer());
            assertInstanceOf(DirectPointwiseLayer.class, direct.getLayer(i));
        }
        assertEquals(ConvolutionLayer.class, direct.getLayer(1).conf().getLayer().getClass());
        assertEquals(ConvolutionLayer.class, dl4j.getLayer(0).conf().getLayer().getClass(), "argument unchanged");
        assertEquals(dl4j.params(), direct.params());
        assertEquals(List.of(), PointwiseConvolutions.eligibleLayers(direct));
        assertEquals(Activation.TANH.getActivationFunction(),
                ((ConvolutionLayer) direct.getLayer(0).conf().getLayer()).getActivationFn());
        assertTrue(!((ConvolutionLayer) direct.getLayer(4).conf().getLayer()).hasBias());
    }

    @Test
    void forwardMatchesDl4jForPlanarInterleavedAndStridedInputs() {
        MultiLayerNetwork dl4j = chain(DataType.FLOAT, 4);
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
        Nd4j.getRandom().setSeed(5);
        INDArray planar = Nd4j.rand(DataType.FLOAT, 3, 2, 6, 7);
        INDArray interleaved = Nd4j.rand(DataType.FLOAT, 3, 6, 7, 2).permute(0, 3, 1, 2);
        INDArray strided = Nd4j.rand(DataType.FLOAT, 3, 2, 6, 14).get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 14));
        assertEquals(PointwiseGemm.Layout.PLANAR, PointwiseGemm.layoutOf(planar));
        assertEquals(PointwiseGemm.Layout.INTERLEAVED, PointwiseGemm.layoutOf(interleaved));
        assertEquals(PointwiseGemm.Layout.OTHER, PointwiseGemm.layoutOf(strided));
        for (INDArray x : new INDArray[] {planar, interleaved, strided}) {
            List<INDArray> a = dl4j.feedForward(x.dup('c'), false);
            List<INDArray> b = direct.feedForward(x, false);
            for (int i = 1; i < a.size(); i++) {
                assertClose(a.get(i), b.get(i), 1e-5, "activation of layer " + (i - 1));
            }
        }
    }

    @Test
    void gradientsMatchDl4jElementByElement() {
        MultiLayerNetwork dl4j = chain(DataType.FLOAT, 6);
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
        for (int n : new int[] {1, 4}) {
            Nd4j.getRandom().setSeed(7 + n);
            INDArray x = Nd4j.rand(DataType.FLOAT, n, 2, 6, 7);
            INDArray y = labels(n, n);
            Pair<Gradient, INDArray> a = dl4j.calculateGradients(x, y, null, null);
            Pair<Gradient, INDArray> b = direct.calculateGradients(x, y, null, null);
            Map<String, INDArray> ga = a.getFirst().gradientForVariable();
            Map<String, INDArray> gb = b.getFirst().gradientForVariable();
            assertEquals(ga.keySet(), gb.keySet());
            for (String k : ga.keySet()) {
                assertClose(ga.get(k), gb.get(k), 1e-5 * Math.max(1, ga.get(k).amaxNumber().doubleValue()),
                        "gradient " + k + ", batch " + n);
            }
            assertClose(a.getSecond(), b.getSecond(), 1e-6, "gradient with respect to the input, batch " + n);
            assertNotEquals(0.0, gb.get("0_W").amaxNumber().doubleValue(), "a gradient that could fail");
        }
    }

    @Test
    void trainingStepsMatchDl4j() {
        MultiLayerNetwork dl4j = chain(DataType.FLOAT, 8);
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2, 6, 7);
        INDArray y = labels(5, 9);
        INDArray before = dl4j.params().dup();
        for (int i = 0; i < 3; i++) {
            dl4j.fit(x, y);
            direct.fit(x, y);
        }
        assertClose(dl4j.params(), direct.params(), 1e-5, "parameters after 3 SGD steps");
        assertTrue(before.sub(direct.params()).amaxNumber().doubleValue() > 1e-4, "the steps changed the weights");
    }

    @Test
    void numericalGradientCheckInDoublePrecision() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(10).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list()
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(4).activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.SIGMOID).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.TANH).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(5, 5, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(net);
        assertEquals(List.of("layer0", "layer2"), PointwiseConvolutions.eligibleLayers(net));
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 5);
        INDArray y = labels(2, 11).castTo(DataType.DOUBLE);
        assertTrue(DoubleGradientCheck.passes(direct, x, y));
    }

    @Test
    void channelsLastNetworkMatchesDl4j() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).updater(new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(4).dataFormat(CNN2DFormat.NHWC)
                        .activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(CNN2DFormat.NHWC).activation(Activation.IDENTITY).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(2).dataFormat(CNN2DFormat.NHWC)
                        .activation(Activation.IDENTITY).build())
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).format(CNN2DFormat.NHWC)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(4, 5, 3, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork dl4j = new MultiLayerNetwork(conf);
        dl4j.init();
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
        assertEquals(List.of("layer0", "layer2"), PointwiseConvolutions.eligibleLayers(dl4j));
        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, 5, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 3, 4, 5, 2);
        assertClose(dl4j.output(x), direct.output(x), 1e-5, "NHWC output");
        Pair<Gradient, INDArray> a = dl4j.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> b = direct.calculateGradients(x, y, null, null);
        for (String k : a.getFirst().gradientForVariable().keySet()) {
            assertClose(a.getFirst().getGradientFor(k), b.getFirst().getGradientFor(k), 1e-5, "NHWC gradient " + k);
        }
        assertClose(a.getSecond(), b.getSecond(), 1e-6, "NHWC input gradient");
    }

    @Test
    void roundTripsThroughJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(chain(DataType.FLOAT, 14));
        String json = direct.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains(DirectPointwiseConvolution.class.getName()), "the JSON names the layer class");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(direct.getLayerWiseConfigurations(), back);
        assertInstanceOf(DirectPointwiseConvolution.class, back.getConf(2).getLayer());

        File file = dir.resolve("direct.zip").toFile();
        ModelSerializer.writeModel(direct, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertInstanceOf(DirectPointwiseLayer.class, restored.getLayer(2));
        assertEquals(direct.params(), restored.params());
        Nd4j.getRandom().setSeed(15);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 6, 7);
        assertEquals(direct.output(x), restored.output(x));
        restored.fit(x, labels(2, 15)); // the restored network trains
    }

    @Test
    void configurationEqualityTellsDirectFromDl4jLayers() {
        ConvolutionLayer plain = new ConvolutionLayer.Builder(1, 1).nIn(3).nOut(4).build();
        DirectPointwiseConvolution direct = DirectPointwiseConvolution.of(plain);
        assertNotEquals(plain, direct);
        assertNotEquals(direct, plain);
        assertEquals(direct, DirectPointwiseConvolution.of(plain));
        assertEquals(direct, direct.clone());
        assertEquals(4, direct.getNOut());
        assertEquals(3, direct.getNIn());
    }

    @Test
    void refusesLayersThatAreNotOneByOneConvolutions() {
        IllegalArgumentException kernel = assertThrows(IllegalArgumentException.class, () ->
                DirectPointwiseConvolution.of(new ConvolutionLayer.Builder(3, 3).name("c3").nOut(2).build()));
        assertTrue(kernel.getMessage().contains("'c3'") && kernel.getMessage().contains("kernel [3, 3]"),
                kernel.getMessage());
        IllegalArgumentException padding = assertThrows(IllegalArgumentException.class, () ->
                DirectPointwiseConvolution.of(new ConvolutionLayer.Builder(1, 1).padding(1, 1).nOut(2)
                        .convolutionMode(ConvolutionMode.Truncate).build()));
        assertTrue(padding.getMessage().contains("padding [1, 1]"), padding.getMessage());
        IllegalArgumentException depthwise = assertThrows(IllegalArgumentException.class, () ->
                DirectPointwiseConvolution.of(new DepthwiseConvolution2D.Builder(1, 1).nOut(2).build()));
        assertTrue(depthwise.getMessage().contains("DepthwiseConvolution2D"), depthwise.getMessage());
        assertThrows(NullPointerException.class, () -> DirectPointwiseConvolution.of(null));
        assertTrue(PointwiseConvolutions.isEligible(new ConvolutionLayer.Builder(1, 1)
                .convolutionMode(ConvolutionMode.Same).nOut(2).build()));
        assertTrue(!PointwiseConvolutions.isEligible(null));
    }
}
