package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorState;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.encoding.entropy.EmpiricalEntropy;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.internal.EntropyCodebookEncoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** The codebook-rans encoding and the step that chooses it after k-means. */
class EntropyCodedCodebooksTest {

    private static float[] decode(byte[] blob, TensorLayout layout) throws CorruptTensorException {
        float[] out = new float[layout.length()];
        TensorEncodings.installed().decode("codebook-rans", 1, ByteBuffer.wrap(blob), layout, out, 0);
        return out;
    }

    @Test
    void roundTripsBitForBitIncludingSignedZeros() throws CorruptTensorException {
        float[] book = {-1.5f, -0f, 0f, 0.25f, 3f};
        Random r = new Random(1);
        float[] v = new float[10_001];
        for (int i = 0; i < v.length; i++) {
            v[i] = book[Math.min(4, (int) Math.abs(r.nextGaussian() * 1.5))];
        }
        TensorLayout layout = TensorLayout.vector(v.length);
        EntropyCodebookEncoder e = new EntropyCodebookEncoder(book, "test");
        float[] back = decode(e.encode(new FloatTensor(layout, v)), layout);
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(back[i]), "index " + i);
        }
        assertArrayEquals(e.encode(new FloatTensor(layout, v)), e.encode(new FloatTensor(layout, v.clone())));
        assertThrows(IllegalArgumentException.class, () -> e.encode(new FloatTensor(TensorLayout.vector(1),
                new float[] {0.3f})));
        assertThrows(IllegalArgumentException.class, () -> new EntropyCodebookEncoder(new float[] {1f, 1f}, "x"));
    }

    @Test
    void corruptBlobsRaiseCorruptTensorException() {
        float[] book = new float[32];
        for (int j = 0; j < 32; j++) {
            book[j] = j - 16;
        }
        Random r = new Random(2);
        float[] v = new float[5000];
        for (int i = 0; i < v.length; i++) {
            v[i] = book[r.nextInt(32)];
        }
        TensorLayout layout = TensorLayout.vector(v.length);
        byte[] blob = new EntropyCodebookEncoder(book, "t").encode(new FloatTensor(layout, v));
        int detected = 0;
        for (int trial = 0; trial < 1000; trial++) {
            byte[] bad = trial % 2 == 0 ? Arrays.copyOf(blob, r.nextInt(blob.length)) : blob.clone();
            if (trial % 2 == 1) {
                bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
            }
            try {
                decode(bad, layout);
            } catch (CorruptTensorException e) {
                detected++;
            }
        }
        // a flip inside the 128 codebook bytes may leave a valid (different) codebook
        assertTrue(detected > 850, "detected " + detected);
        byte[] huge = blob.clone();
        ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, Integer.MAX_VALUE);
        assertThrows(CorruptTensorException.class, () -> decode(huge, layout));
    }

    @Test
    void afterKMeansOfASparseNetworkTheIndicesCostTheirEntropyAndTheValuesStayTheSame() throws Exception {
        MultiLayerNetwork net = ResidentNetworksTest.mlp();
        CompressionState pruned = SparseCompositionTest.halfPruned().apply(CompressionState.of(net, 1));
        CompressionState quantized = Quantization.kmeans(5).build().apply(pruned);
        CompressionState coded = new EntropyCodedCodebooks().apply(quantized);
        TensorState fc1 = coded.tensor("0_W");
        assertInstanceOf(TestSparseEncoding.Encoder.class, fc1.encoder());
        assertInstanceOf(EntropyCodebookEncoder.class, ((TestSparseEncoding.Encoder) fc1.encoder()).inner());
        for (TensorState t : coded.tensors()) {
            TensorState q = quantized.tensor(t.name());
            assertArrayEquals(q.values().data(), t.values().data(), t.name());
            long before = q.encoder().encode(q.values()).length;
            long after = t.encoder().encode(t.values()).length;
            assertTrue(after <= before, t.name() + ": " + after + " > " + before);
            if (!t.info().kind().isWeightLike()) { // DL4J starts biases at zero: one shared value
                assertEquals(1, ((EntropyCodebookEncoder) t.encoder()).size(), t.name());
                assertTrue(after < 32, t.name() + " is stored in " + after + " bytes");
            }
        }
        float[] w = fc1.values().data();
        long[] counts = new long[65536];
        java.util.Map<Float, Integer> ids = new java.util.HashMap<>();
        long nnz = 0;
        for (float x : w) {
            if (x != 0) {
                counts[ids.computeIfAbsent(x, k -> ids.size())]++;
                nnz++;
            }
        }
        double indexBytes = EmpiricalEntropy.bits(counts) / 8;
        int mask = (w.length + 7) / 8 + 4;
        long blob = fc1.encoder().encode(fc1.values()).length;
        long overhead = blob - mask - 4L * ids.size() - 4 - 1 - "codebook-rans".length() - 4;
        assertTrue(overhead <= indexBytes * 1.01 + 120, "index stream " + overhead + " for an entropy of "
                + indexBytes + " (" + nnz + " indices)");
        assertTrue(indexBytes < nnz * 5 / 8.0, "k-means indices of Gaussian weights are not uniform");
    }

    @Test
    void theArtifactRoundTripsThroughTheRegistry() throws Exception {
        MultiLayerNetwork net = ResidentNetworksTest.mlp();
        CompressionResult r = Quantization.kmeans(4).build().then(new EntropyCodedCodebooks()).compress(net);
        assertEquals("codebook-rans", r.artifact().tensors().get(0).encodingId());
        CompressedModel back = CompressedModel.fromBytes(r.artifact().toBytes(OuterCompression.NONE),
                ReadLimits.DEFAULT);
        float[] expected = r.network().params().toFloatVector();
        assertArrayEquals(expected, back.decodeParameters());
    }
}
