package dev.compressor.prune.structured;

import static dev.compressor.prune.structured.DirectPointwiseConvolutionTest.assertClose;
import static dev.compressor.prune.structured.DirectPointwiseConvolutionTest.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** The direct 1x1 convolution with a stride above 1 against DL4J's own convolution layer. */
class StridedPointwiseConvolutionTest {

    private static final ConvolutionMode[] MODES = {ConvolutionMode.Same, ConvolutionMode.Truncate};

    /**
     * On a 7x9 input (odd sizes): 1x1 stride 2 (3->5, tanh; direct input = the network input) ->
     * 3x3 same (DL4J; its output is an interleaved view) -> 1x1 stride [2, 3] (5->6, sigmoid) ->
     * batch norm -> 1x1 stride 1 without bias (6->3) -> average pool -> softmax output.
     */
    static MultiLayerNetwork chain(DataType type, ConvolutionMode mode, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .updater(new Sgd(0.1)).convolutionMode(mode).list()
                .layer(new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(5).activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(5).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new ConvolutionLayer.Builder(1, 1).stride(2, 3).nOut(6).activation(Activation.SIGMOID).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(3).hasBias(false).activation(Activation.TANH).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(7, 9, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** One 1x1 convolution (3->4, identity) into an MSE loss: the output is the convolution's. */
    private static MultiLayerNetwork single(ConvolutionMode mode, int stride, int h, int w) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(h * 31L + w).list()
                .layer(new ConvolutionLayer.Builder(1, 1).stride(stride, stride).nOut(4).convolutionMode(mode)
                        .activation(Activation.IDENTITY).build())
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(h, w, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void outputSizeIsDl4jsInSameAndTruncateMode() {
        List<String> dl4jRefuses = new ArrayList<>();
        for (ConvolutionMode mode : MODES) {
            for (int s : new int[] {2, 3}) {
                for (int h = 5; h <= 9; h++) {
                    int w = h + 2;
                    MultiLayerNetwork dl4j = single(mode, s, h, w);
                    MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
                    assertInstanceOf(DirectPointwiseLayer.class, direct.getLayer(0));
                    Nd4j.getRandom().setSeed(h);
                    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, h, w);
                    String what = mode + ", stride " + s + ", " + h + "x" + w;
                    INDArray expected;
                    try {
                        expected = dl4j.output(x);
                    } catch (RuntimeException e) {
                        // DL4J's Same mode computes a negative padding for some sizes at stride 3
                        assertEquals(e.getClass(), assertThrows(RuntimeException.class, () -> direct.output(x)).getClass(),
                                what + ": the direct layer refuses what DL4J refuses");
                        dl4jRefuses.add(what);
                        continue;
                    }
                    long[] shape = {2, 4, (h - 1) / s + 1, (w - 1) / s + 1}; // floor((h - 1) / s) + 1
                    long[] ceil = {2, 4, (long) Math.ceil(h / (double) s), (long) Math.ceil(w / (double) s)};
                    assertEquals(Arrays.toString(shape), Arrays.toString(expected.shape()), what);
                    assertEquals(Arrays.toString(ceil), Arrays.toString(expected.shape()), what);
                    assertClose(expected, direct.output(x), 1e-6, what);
                    INDArray atZero = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0),
                            NDArrayIndex.point(s)); // output pixel (0, 1) reads input pixel (0, s)
                    INDArray w0 = dl4j.getParam("0_W").reshape(4, 3);
                    INDArray manual = w0.mmul(atZero.transpose()).transpose().addRowVector(dl4j.getParam("0_b"));
                    assertClose(manual, expected.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0),
                            NDArrayIndex.point(1)), 1e-5, what + ": the pixels read start at the first");
                }
            }
        }
        assertEquals(List.of("Same, stride 3, 6x8", "Same, stride 3, 7x9", "Same, stride 3, 9x11"), dl4jRefuses);
    }

    @Test
    void strictModeChecksTheInputSizeAsDl4jDoes() {
        // Strict: (size - 1) divisible by the stride
        MultiLayerNetwork dl4j = single(ConvolutionMode.Strict, 2, 7, 9);
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
        Nd4j.getRandom().setSeed(20);
        INDArray fits = Nd4j.rand(DataType.FLOAT, 1, 3, 7, 9);
        assertEquals("[1, 4, 4, 5]", Arrays.toString(direct.output(fits).shape()));
        assertClose(dl4j.output(fits), direct.output(fits), 1e-6, "Strict mode, divisible");
        INDArray odd = Nd4j.rand(DataType.FLOAT, 1, 3, 8, 9);
        RuntimeException a = assertThrows(RuntimeException.class, () -> dl4j.output(odd));
        RuntimeException b = assertThrows(RuntimeException.class, () -> direct.output(odd));
        assertEquals(a.getClass(), b.getClass());
        assertTrue(b.getMessage().contains("Strict"), b.getMessage());
    }

    @Test
    void forwardMatchesDl4jForPlanarInterleavedAndStridedInputs() {
        for (ConvolutionMode mode : MODES) {
            MultiLayerNetwork dl4j = chain(DataType.FLOAT, mode, 21);
            MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
            assertEquals(List.of("layer0", "layer2", "layer4"), PointwiseConvolutions.eligibleLayers(dl4j));
            Nd4j.getRandom().setSeed(22);
            INDArray planar = Nd4j.rand(DataType.FLOAT, 3, 3, 7, 9);
            INDArray interleaved = Nd4j.rand(DataType.FLOAT, 3, 7, 9, 3).permute(0, 3, 1, 2);
            INDArray strided = Nd4j.rand(DataType.FLOAT, 3, 3, 7, 18).get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 18));
            for (INDArray x : new INDArray[] {planar, interleaved, strided}) {
                List<INDArray> a = dl4j.feedForward(x.dup('c'), false);
                List<INDArray> b = direct.feedForward(x, false);
                assertEquals("[3, 5, 4, 5]", Arrays.toString(b.get(1).shape()));
                assertEquals("[3, 6, 2, 2]", Arrays.toString(b.get(3).shape()));
                for (int i = 1; i < a.size(); i++) {
                    assertClose(a.get(i), b.get(i), 1e-5, mode + ": activation of layer " + (i - 1));
                }
            }
        }
    }

    @Test
    void gradientsMatchDl4jElementByElement() {
        for (ConvolutionMode mode : MODES) {
            MultiLayerNetwork dl4j = chain(DataType.FLOAT, mode, 23);
            MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
            for (int n : new int[] {1, 3}) {
                Nd4j.getRandom().setSeed(24 + n);
                INDArray x = Nd4j.rand(DataType.FLOAT, n, 3, 7, 9);
                INDArray y = labels(n, n);
                Pair<Gradient, INDArray> a = dl4j.calculateGradients(x, y, null, null);
                Pair<Gradient, INDArray> b = direct.calculateGradients(x, y, null, null);
                Map<String, INDArray> ga = a.getFirst().gradientForVariable();
                Map<String, INDArray> gb = b.getFirst().gradientForVariable();
                assertEquals(ga.keySet(), gb.keySet());
                for (String k : ga.keySet()) {
                    assertClose(ga.get(k), gb.get(k), 1e-5 * Math.max(1, ga.get(k).amaxNumber().doubleValue()),
                            mode + ": gradient " + k + ", batch " + n);
                }
                assertClose(a.getSecond(), b.getSecond(), 1e-6, mode + ": gradient with respect to the input");
                assertNotEquals(0.0, gb.get("2_W").amaxNumber().doubleValue(), "a gradient that could fail");
                INDArray skipped = b.getSecond().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1),
                        NDArrayIndex.all());
                assertEquals(0.0, skipped.amaxNumber().doubleValue(), "odd rows are never read");
                assertNotEquals(0.0, b.getSecond().amaxNumber().doubleValue());
            }
        }
    }

    @Test
    void trainingStepsMatchDl4j() {
        for (ConvolutionMode mode : MODES) {
            MultiLayerNetwork dl4j = chain(DataType.FLOAT, mode, 26);
            MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
            Nd4j.getRandom().setSeed(27);
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 7, 9);
            INDArray y = labels(4, 27);
            INDArray before = dl4j.params().dup();
            for (int i = 0; i < 3; i++) {
                dl4j.fit(x, y);
                direct.fit(x, y);
            }
            assertClose(dl4j.params(), direct.params(), 1e-5, mode + ": parameters after 3 SGD steps");
            assertTrue(before.sub(direct.params()).amaxNumber().doubleValue() > 1e-4, "the steps changed the weights");
        }
    }

    @Test
    void numericalGradientCheckInDoublePrecision() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(28).dataType(DataType.DOUBLE)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Truncate).list()
                .layer(new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(4).activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.SIGMOID).build())
                .layer(new ConvolutionLayer.Builder(1, 1).stride(1, 2).nOut(3).activation(Activation.TANH).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(5, 7, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(net);
        assertEquals(List.of("layer0", "layer2"), PointwiseConvolutions.eligibleLayers(net));
        Nd4j.getRandom().setSeed(29);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 7);
        INDArray y = labels(2, 29).castTo(DataType.DOUBLE);
        assertTrue(DoubleGradientCheck.passes(direct, x, y));
    }

    @Test
    void channelsLastNetworkMatchesDl4j() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(30).updater(new Sgd(0.1))
                .convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(4).dataFormat(CNN2DFormat.NHWC)
                        .activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).dataFormat(CNN2DFormat.NHWC)
                        .activation(Activation.IDENTITY).build())
                .layer(new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(2).dataFormat(CNN2DFormat.NHWC)
                        .activation(Activation.IDENTITY).build())
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).format(CNN2DFormat.NHWC)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(7, 9, 3, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork dl4j = new MultiLayerNetwork(conf);
        dl4j.init();
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
        assertEquals(List.of("layer0", "layer2"), PointwiseConvolutions.eligibleLayers(dl4j));
        Nd4j.getRandom().setSeed(31);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 7, 9, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 3, 2, 3, 2);
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
        MultiLayerNetwork direct = PointwiseConvolutions.directGemm(chain(DataType.FLOAT, ConvolutionMode.Truncate, 32));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(direct.getLayerWiseConfigurations().toJson());
        assertEquals(direct.getLayerWiseConfigurations(), back);
        assertEquals("[2, 3]", Arrays.toString(((ConvolutionLayer) back.getConf(2).getLayer()).getStride()));
        File file = dir.resolve("strided.zip").toFile();
        ModelSerializer.writeModel(direct, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertInstanceOf(DirectPointwiseLayer.class, restored.getLayer(0));
        Nd4j.getRandom().setSeed(33);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 7, 9);
        assertEquals(direct.output(x), restored.output(x));
        restored.fit(x, labels(2, 33));
    }

    @Test
    void subsamplingCopiesEveryLayoutAndScattersBack() {
        Nd4j.getRandom().setSeed(34);
        INDArray big = Nd4j.rand(DataType.FLOAT, 3, 4, 7, 9);
        INDArray planarSlice = big.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()); // a view with an offset
        INDArray interleaved = Nd4j.rand(DataType.FLOAT, 3, 7, 9, 4).permute(0, 3, 1, 2)
                .get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray other = big.permute(0, 1, 3, 2).dup('c').permute(0, 1, 3, 2);
        INDArray dbl = interleaved.castTo(DataType.DOUBLE).permute(0, 2, 3, 1).dup('c').permute(0, 3, 1, 2);
        assertEquals(PointwiseGemm.Layout.INTERLEAVED, PointwiseGemm.layoutOf(interleaved));
        assertEquals(PointwiseGemm.Layout.OTHER, PointwiseGemm.layoutOf(other));
        for (INDArray x : new INDArray[] {planarSlice, interleaved, other, dbl}) {
            for (PointwiseGemm.Layout layout : new PointwiseGemm.Layout[] {PointwiseGemm.Layout.PLANAR,
                    PointwiseGemm.Layout.INTERLEAVED}) {
                INDArray expected = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 7),
                        NDArrayIndex.interval(0, 3, 9)).dup('c');
                INDArray taken = Subsampling.take(x, 2, 3, layout);
                assertEquals(layout, PointwiseGemm.layoutOf(taken));
                assertEquals(expected, taken.dup('c'), layout + " from " + PointwiseGemm.layoutOf(x));

                INDArray back = Subsampling.scatter(taken, 7, 9, 2, 3, layout,
                        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
                assertEquals(layout, PointwiseGemm.layoutOf(back));
                assertEquals(expected, Subsampling.strided(back, 2, 3).dup('c'));
                assertEquals(expected.sumNumber().doubleValue(),
                        back.sumNumber().doubleValue(), 1e-3, "zero everywhere else");
                assertEquals(0.0, back.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1),
                        NDArrayIndex.all()).amaxNumber().doubleValue());
            }
        }
    }

    @Test
    void eligibilityNowCoversStridesButNotOtherKernels() {
        assertTrue(PointwiseConvolutions.isEligible(new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(2).build()));
        assertTrue(PointwiseConvolutions.isEligible(new ConvolutionLayer.Builder(1, 1).stride(3, 1).nOut(2)
                .convolutionMode(ConvolutionMode.Truncate).build()));
        IllegalArgumentException kernel = assertThrows(IllegalArgumentException.class, () ->
                DirectPointwiseConvolution.of(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(2).build()));
        assertTrue(kernel.getMessage().contains("kernel [3, 3]"), kernel.getMessage());
        ConvolutionLayer zero = new ConvolutionLayer.Builder(1, 1).nOut(2).build();
        zero.setStride(new int[] {0, 1});
        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class, () ->
                DirectPointwiseConvolution.of(zero));
        assertTrue(stride.getMessage().contains("stride [0, 1]"), stride.getMessage());
        IllegalArgumentException padding = assertThrows(IllegalArgumentException.class, () ->
                DirectPointwiseConvolution.of(new ConvolutionLayer.Builder(1, 1).stride(2, 2).padding(1, 1).nOut(2)
                        .convolutionMode(ConvolutionMode.Truncate).build()));
        assertTrue(padding.getMessage().contains("padding [1, 1]"), padding.getMessage());
    }
}
