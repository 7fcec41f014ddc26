package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The plain-loop depthwise layer against DL4J's own, on real arrays: outputs, every gradient element,
 * and training steps, for strides, multipliers, bias, activations and both padding modes.
 */
class JavaDepthwiseConvolution2DTest {

    private static ComputationGraphConfiguration graph(int channels, int side, DepthwiseConvolution2D.Builder dw,
            ConvolutionMode mode) {
        return graph(channels, side, dw, mode, CNN2DFormat.NCHW);
    }

    private static ComputationGraphConfiguration graph(int channels, int side, DepthwiseConvolution2D.Builder dw,
            ConvolutionMode mode, CNN2DFormat format) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(1e-2))
                .weightInit(WeightInit.RELU).convolutionMode(mode).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(side, side, channels, format))
                .addLayer("dw", dw.build(), "in")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "dw")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out").build();
    }

    @ParameterizedTest(name = "stride {0}, multiplier {1}, bias {2}, {3}, {4}, side {5}")
    @CsvSource({
        "1, 1, false, Same, IDENTITY, 6",
        "2, 1, false, Same, IDENTITY, 7",
        "2, 2, true, Same, RELU, 8",
        "1, 3, true, Truncate, TANH, 6",
        "2, 1, true, Truncate, IDENTITY, 7",
    })
    void outputsGradientsAndStepsMatchDl4j(int stride, int multiplier, boolean bias, ConvolutionMode mode,
            Activation activation, int side) {
        DepthwiseConvolution2D.Builder dw = new DepthwiseConvolution2D.Builder(3, 3).stride(stride, stride)
                .depthMultiplier(multiplier).hasBias(bias).activation(activation);
        if (mode == ConvolutionMode.Truncate) {
            dw.padding(1, 1);
        }
        ComputationGraphConfiguration conf = graph(4, side, dw, mode);
        ComputationGraph plain = new ComputationGraph(conf);
        plain.init();
        ComputationGraphConfiguration copy = JavaDepthwiseConvolution2D.trainingCopy(conf);
        assertSame(JavaDepthwiseConvolution2D.class, layerClass(copy, "dw"));
        assertSame(DepthwiseConvolution2D.class, layerClass(conf, "dw"), "the argument is not modified");
        ComputationGraph java = new ComputationGraph(copy);
        java.init(plain.params().dup(), false);
        assertTrue(java.getLayer("dw") instanceof JavaDepthwiseConvolution2DLayer);

        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 4, side, side).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 5, 3);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        assertClose(plain.outputSingle(x), java.outputSingle(x), 1e-5, "output");

        DataSet d = new DataSet(x, y);
        plain.setInputs(x);
        plain.setLabels(y);
        java.setInputs(x);
        java.setLabels(y);
        plain.computeGradientAndScore();
        java.computeGradientAndScore();
        assertEquals(plain.score(), java.score(), 1e-5);
        Map<String, INDArray> expected = plain.gradient().gradientForVariable();
        Map<String, INDArray> actual = java.gradient().gradientForVariable();
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            assertClose(expected.get(k), actual.get(k), 1e-5, "gradient " + k);
        }
        for (int step = 0; step < 3; step++) {
            plain.fit(d);
            java.fit(d);
        }
        assertClose(plain.params(), java.params(), 1e-5, "parameters after 3 Adam steps");
    }

    @Test
    void refusesWhatTheLoopsDoNotCoverNamingTheLayer() {
        ComputationGraphConfiguration dilated = graph(2, 8, new DepthwiseConvolution2D.Builder(3, 3).dilation(2, 2),
                ConvolutionMode.Same);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JavaDepthwiseConvolution2D.trainingCopy(dilated));
        assertTrue(e.getMessage().contains("'dw'") && e.getMessage().contains("dilation [2, 2]"), e.getMessage());
        ComputationGraphConfiguration nhwc = graph(2, 8, new DepthwiseConvolution2D.Builder(3, 3),
                ConvolutionMode.Same, CNN2DFormat.NHWC);
        e = assertThrows(IllegalArgumentException.class, () -> JavaDepthwiseConvolution2D.trainingCopy(nhwc));
        assertTrue(e.getMessage().contains("NHWC"), e.getMessage());
        ComputationGraphConfiguration strict = graph(2, 8, new DepthwiseConvolution2D.Builder(3, 3),
                ConvolutionMode.Strict);
        e = assertThrows(IllegalArgumentException.class, () -> JavaDepthwiseConvolution2D.trainingCopy(strict));
        assertTrue(e.getMessage().contains("Strict"), e.getMessage());
    }

    private static Class<?> layerClass(ComputationGraphConfiguration conf, String name) {
        return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer().getClass();
    }

    static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        assertTrue(diff <= tolerance * Math.max(1, scale), what + ": max difference " + diff + " (scale " + scale + ")");
    }
}
