package dev.compressor.prune.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorState;
import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.encoding.entropy.EmpiricalEntropy;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.prune.Pruning;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class EntropyMaskEncodingTest {

    private static final TensorEncoder F32 = DenseEncoders.f32();

    @Test
    void roundTripsExactlyAtEverySparsityAndShape() throws Exception {
        int seed = 100;
        for (double s : new double[] {0, 0.01, 0.42, 0.77, 0.96, 0.9999, 1.0}) {
            for (int n : new int[] {1, 7, 8, 9, 64, 1000, 100_003}) {
                float[] d = SparseEncodersTest.sparse(n, s, seed++);
                if (seed % 4 == 0) {
                    d[n - 1] = -0f;
                }
                TensorLayout layout = n % 8 == 0 ? TensorLayout.of('c', 8, n / 8) : TensorLayout.vector(n);
                TensorEncoder e = SparseEncoders.entropyMask(F32);
                float[] back = SparseEncodersTest.decode(e, layout, e.encode(new FloatTensor(layout, d)));
                for (int i = 0; i < n; i++) {
                    assertEquals(d[i], back[i], 0f, "n=" + n + " s=" + s + " i=" + i);
                }
            }
        }
    }

    @Test
    void theMaskCostsItsEntropyAndLessThanBothOtherFormats() {
        int n = 1_000_000;
        float[] d = SparseEncodersTest.sparse(n, 0.96, 8);
        long nnz = 0;
        for (float v : d) {
            nnz += v != 0f ? 1 : 0;
        }
        FloatTensor t = new FloatTensor(TensorLayout.vector(n), d);
        int values = 4 * (int) nnz + 2 + "dense-f32".length() + 8;
        long mask = SparseEncoders.entropyMask(F32).encode(t).length - values - 8;
        double entropy = EmpiricalEntropy.maskBits(n, nnz) / 8;
        assertTrue(mask <= entropy * 1.01 + 64, mask + " mask bytes for an entropy of " + entropy);
        long relative = SparseEncoders.relativeIndex(F32).encode(t).length - values;
        long bitmask = SparseEncoders.bitmask(F32).encode(t).length - values;
        assertTrue(mask < relative && mask < bitmask, mask + " vs relative " + relative + ", bitmask " + bitmask);
    }

    @Test
    void isDeterministicAndRewrapsItsValueEncoder() {
        float[] d = SparseEncodersTest.sparse(5000, 0.7, 4);
        FloatTensor t = new FloatTensor(TensorLayout.vector(d.length), d);
        TensorEncoder e = SparseEncoders.entropyMask(F32);
        assertArrayEquals(e.encode(t), SparseEncoders.entropyMask(F32).encode(t));
        TensorEncoder f16 = e.rewrap(DenseEncoders.f16());
        assertEquals("sparse-mask-rans", f16.encodingId());
        assertSame(DenseEncoders.f16().getClass(), SparseEncoders.valuesOf(f16).getClass());
        assertEquals("rans-mask(fp16)", f16.describe());
        assertThrows(IllegalArgumentException.class, () -> SparseEncoders.entropyMask(e));
    }

    @Test
    void corruptBlobsAreReportedNeverThrownAsOtherExceptions() {
        float[] d = SparseEncodersTest.sparse(3000, 0.8, 5);
        TensorLayout layout = TensorLayout.vector(d.length);
        byte[] blob = SparseEncoders.entropyMask(F32).encode(new FloatTensor(layout, d));
        Random r = new Random(6);
        int detected = 0;
        for (int trial = 0; trial < 1500; trial++) {
            byte[] bad = blob.clone();
            if (trial % 3 == 0) {
                bad = Arrays.copyOf(bad, r.nextInt(bad.length));
            } else {
                bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
            }
            try {
                TensorEncodings.installed().decode("sparse-mask-rans", 1, ByteBuffer.wrap(bad), layout,
                        new float[d.length], 0);
            } catch (CorruptTensorException e) {
                assertTrue(e.getCause() == null || e.getCause() instanceof CorruptTensorException
                        || e.getMessage().contains("dense"), "no runtime exception escapes: " + e);
                detected++;
            }
        }
        // flips inside the fp32 values change a value, which no check can see; everything else is caught
        assertTrue(detected > 600, "detected " + detected);
        byte[] wrongLength = blob.clone();
        wrongLength[0]++;
        assertThrows(CorruptTensorException.class, () -> TensorEncodings.installed().decode("sparse-mask-rans", 1,
                ByteBuffer.wrap(wrongLength), layout, new float[d.length], 0));
    }

    @Test
    void theStepStoresPrunedTensorsWithEntropyCodedMasksAndKeepsTheValues() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(400).nOut(500).build())
                .layer(new OutputLayer.Builder().nIn(500).nOut(2).build()).build());
        net.init();
        CompressionState pruned = Pruning.magnitude(0.9).apply(CompressionState.of(net, 1));
        CompressionState coded = new EntropyCodedMasks().apply(pruned);
        for (TensorState t : coded.tensors()) {
            TensorState before = pruned.tensor(t.name());
            assertArrayEquals(before.values().data(), t.values().data());
            if (t.name().startsWith("0_W")) { // 200,000 weights: the coded mask is smaller
                assertEquals("sparse-mask-rans", t.encoder().encodingId(), t.name());
                assertTrue(t.encoder().encode(t.values()).length < before.encoder().encode(before.values()).length);
            } else { // biases (dense) and the 1,000 output weights, whose table would outweigh the gain
                assertSame(before.encoder(), t.encoder(), t.name());
            }
        }
        assertEquals("entropy-coded-masks", coded.steps().get(coded.steps().size() - 1));
    }
}
