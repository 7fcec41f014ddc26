package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.compressor.api.CompressionReport;
import dev.compressor.api.Compressors;
import dev.compressor.api.TensorReport;
import dev.compressor.api.tensor.ParamKind;
import dev.compressor.api.testdata.TestNetworks;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** {@code Quantization.fp16Weights()} stores the weights only; {@code Compressors.fp16()} every tensor. */
class HalfPrecisionWeightsTest {

    private static Map<String, String> encodings(CompressionReport r) {
        return r.tensors().stream().collect(Collectors.toMap(TensorReport::name, TensorReport::encoding));
    }

    @Test
    void theWeightsOnlyVariantsSayWhatTheyStore() {
        MultiLayerNetwork net = TestNetworks.smallMln(9);
        CompressionReport weights = Quantization.fp16Weights().compress(net).report();
        for (TensorReport t : weights.tensors()) {
            assertEquals(t.kind() == ParamKind.WEIGHT ? "fp16" : "fp32", t.encoding(), t.name());
        }
        assertEquals("fp16 (3), fp32 (7)", weights.total().encoding());
        assertEquals("bf16 (3), fp32 (7)", Quantization.bf16Weights().compress(net).report().total().encoding());
        assertEquals("fp16", Compressors.fp16().compress(net).report().total().encoding(), "every tensor");
        assertEquals("fp32", encodings(weights).get("0_b"));
    }
}
