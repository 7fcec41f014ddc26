package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.quant.internal.CodebookEncoder;
import dev.compressor.quant.internal.LinearIntEncoder;
import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Quantizers on tensors a sparse encoding holds: only non-zero values change, zeros stay zero. */
class SparseCompositionTest {

    /** Zeroes every other weight and wraps the weights in the test sparse encoding. */
    static Compressor halfPruned() {
        return new Compressor() {
            @Override
            public String describe() {
                return "test-prune-50%";
            }

            @Override
            public CompressionState apply(CompressionState state) {
                return state.map(TensorSelector.weights(), t -> {
                    float[] v = t.values().data().clone();
                    for (int i = 0; i < v.length; i += 2) {
                        v[i] = 0;
                    }
                    return t.withValues(v, new TestSparseEncoding.Encoder(t.encoder()));
                }).withStep(describe());
            }
        };
    }

    private static void check(Compressor quantizer, Class<?> innerType) throws Exception {
        MultiLayerNetwork net = ResidentNetworksTest.mlp();
        CompressionState pruned = halfPruned().apply(CompressionState.of(net, 1));
        CompressionState quantized = quantizer.apply(pruned);
        for (TensorState t : quantized.tensors()) {
            if (!t.info().kind().isWeightLike()) {
                assertEquals("fp32", t.encoder().describe());
                continue;
            }
            TestSparseEncoding.Encoder wrapper = assertInstanceOf(TestSparseEncoding.Encoder.class, t.encoder());
            assertInstanceOf(innerType, wrapper.inner());
            float[] before = pruned.tensor(t.name()).values().data();
            float[] after = t.values().data();
            Set<Float> levels = new HashSet<>();
            for (int i = 0; i < after.length; i++) {
                if (before[i] == 0) {
                    assertEquals(0f, after[i], "zero at " + i + " of " + t.name() + " stays zero");
                } else {
                    levels.add(after[i]);
                }
            }
            assertTrue(levels.size() <= 256, t.name() + " has " + levels.size() + " distinct values");
        }
        CompressionResult r = quantizer.compress(halfPruned().compress(net).network());
        CompressionResult both = halfPruned().then(quantizer).compress(net);
        CompressedModel artifact = CompressedModel.fromBytes(both.artifact().toBytes(OuterCompression.NONE),
                ReadLimits.DEFAULT);
        float[] expected = new float[(int) net.numParams()];
        for (TensorState t : both.state().tensors()) {
            System.arraycopy(t.values().data(), 0, expected, (int) t.info().flatOffset(), t.info().length());
        }
        assertArrayEquals(expected, artifact.decodeParameters(), "the artifact stores the state's values exactly");
        Model resident = artifact.restore(RuntimeMode.RESIDENT_QUANTIZED);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 784);
        INDArray a = ((MultiLayerNetwork) artifact.restore()).output(x);
        INDArray b = ((MultiLayerNetwork) resident).output(x);
        assertTrue(a.equalsWithEps(b, 1e-5), "resident network decodes the sparse wrapper too");
        assertTrue(r.report().compressionRatio() > 1);
    }

    @Test
    void linearQuantizesOnlyTheKeptValuesPerTensor() throws Exception {
        check(Quantization.int8PerChannel(), LinearIntEncoder.class);
        LinearIntEncoder inner = (LinearIntEncoder) ((TestSparseEncoding.Encoder) Quantization.int8PerChannel()
                .apply(halfPruned().apply(CompressionState.of(ResidentNetworksTest.mlp(), 1))).tensor("0_W")
                .encoder()).inner();
        assertEquals(1, inner.channels(), "a gathered vector has no channel axis");
    }

    @Test
    void kmeansClustersOnlyTheKeptValues() throws Exception {
        check(Quantization.kmeans(5).build(), CodebookEncoder.class);
    }

    @Test
    void halfPrecisionFromTheApiKeepsTheWrapperToo() throws Exception {
        CompressionState s = Quantization.fp16Weights().apply(halfPruned().apply(CompressionState.of(
                ResidentNetworksTest.mlp(), 1)));
        assertEquals("mask(fp16)", s.tensor("0_W").encoder().describe());
    }
}
