package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Bad input fails early with an exception that names the bad value. */
class BadInputTest {

    private static void assertMessage(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void bitWidthsOutOfRange() {
        assertMessage("bits must be 2..16, got 1", () -> Quantization.linear(1));
        assertMessage("bits must be 2..16, got 17", () -> Quantization.linear(17));
        assertMessage("bits must be 2..16, got 0", () -> Quantization.linear(8).layerBits("fc1", 0));
        assertMessage("k-means bits must be 2..8, got 9", () -> Quantization.kmeans(9));
        assertMessage("k-means bits must be 2..8, got 1", () -> Quantization.kmeans(5).layerBits("fc1", 1));
        assertMessage("bits must be 2..16, got 20",
                () -> Quantization.activations(Nd4j.zeros(DataType.FLOAT, 2, 3)).bits(20));
        assertMessage("maxIterations must be >= 1, got 0", () -> Quantization.kmeans(5).maxIterations(0));
    }

    @Test
    void otherSettingsOutOfRange() {
        assertMessage("percentile must be in (50, 100], got 40.0", () -> Observers.percentile(40));
        assertMessage("clipping range must be finite", () -> new LinearGrid(8, QuantScheme.SYMMETRIC)
                .params(Double.NaN, 1));
        assertMessage("at least one calibration input", () -> Quantization.activations());
        assertMessage("same number of examples", () -> Quantization.activations(Nd4j.zeros(DataType.FLOAT, 2, 3),
                Nd4j.zeros(DataType.FLOAT, 3, 3)));
    }

    private static MultiLayerNetwork withWeight(float bad) {
        MultiLayerNetwork net = ResidentNetworksTest.mlp();
        net.getLayer(1).getParam("W").putScalar(1, 2, bad);
        return net;
    }

    @Test
    void nonFiniteWeightsAreNamed() {
        for (Compressor c : new Compressor[] {Quantization.int8PerChannel(), Quantization.linear(4).perTensor()
                .observer(Observers.mseOptimal()).build(), Quantization.kmeans(5).build()}) {
            assertMessage("tensor '1_W': cannot quantize non-finite value NaN at index",
                    () -> c.compress(withWeight(Float.NaN)));
            assertMessage("tensor '1_W': cannot quantize non-finite value Infinity at index",
                    () -> c.compress(withWeight(Float.POSITIVE_INFINITY)));
            assertMessage("non-finite value -Infinity", () -> c.compress(withWeight(Float.NEGATIVE_INFINITY)));
        }
    }

    @Test
    void emptyTensorsAreRejected() {
        assertMessage("cannot quantize an empty tensor (0 elements)", () -> ChannelSplit.perTensor(0));
        assertMessage("cannot quantize an empty tensor", () -> Observers.minMax().observe(new float[0],
                ChannelSplit.perTensor(0)));
        assertMessage("cannot quantize an empty tensor",
                () -> dev.compressor.quant.internal.KMeans1D.fit(new float[0], 4, 10));
    }

    @Test
    void unknownLayerNamesAreNamed() {
        MultiLayerNetwork net = ResidentNetworksTest.mlp();
        assertMessage("no layer named 'fc9'; layers with parameters: [fc1, fc2, out]",
                () -> Quantization.linear(8).skipLayers("fc9").build().compress(net));
        assertMessage("no layer named 'conv'", () -> Quantization.linear(8).layerBits("conv", 4).build().compress(net));
        assertMessage("no layer named 'x'", () -> Quantization.kmeans(5).skipLayers("x").build().compress(net));
    }

    @Test
    void layerOverridesAndSkipsApply() {
        MultiLayerNetwork net = ResidentNetworksTest.mlp();
        var state = Quantization.linear(8).layerBits("fc2", 4).skipLastLayer().build()
                .apply(dev.compressor.api.CompressionState.of(net, 1));
        assertTrue(state.tensor("0_W").encoder().describe().startsWith("int8"));
        assertTrue(state.tensor("1_W").encoder().describe().startsWith("int4"));
        assertEquals("fp32", state.tensor("2_W").encoder().describe());
        assertEquals("fp32", state.tensor("0_b").encoder().describe(), "biases stay fp32 by default");
        var first = Quantization.kmeans(5).skipFirstLayer().skipLayers("fc2").build()
                .apply(dev.compressor.api.CompressionState.of(net, 1));
        assertEquals("fp32", first.tensor("0_W").encoder().describe());
        assertEquals("fp32", first.tensor("1_W").encoder().describe());
        assertTrue(first.tensor("2_W").encoder().describe().startsWith("kmeans5"));
        var all = Quantization.linear(8).tensors(dev.compressor.api.TensorSelector.all(), "all tensors").build()
                .apply(dev.compressor.api.CompressionState.of(net, 1));
        assertTrue(all.tensor("0_b").encoder().describe().startsWith("int8"), "biases when asked");
        assertTrue(all.steps().get(0).contains("(all tensors)"), all.steps().toString());
    }
}
