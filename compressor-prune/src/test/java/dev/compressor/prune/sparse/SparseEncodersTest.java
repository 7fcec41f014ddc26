package dev.compressor.prune.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.api.encoding.HalfPrecision;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseEncodersTest {

    static float[] sparse(int n, double sparsity, long seed) {
        Random r = new Random(seed);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextDouble() < sparsity ? 0f : (float) r.nextGaussian();
        }
        return d;
    }

    static float[] decode(TensorEncoder e, TensorLayout layout, byte[] blob) throws CorruptTensorException {
        float[] out = new float[layout.length() + 3];
        java.util.Arrays.fill(out, 7f); // decoding must overwrite its range, zeros included
        TensorEncodings.installed().decode(e.encodingId(), e.encodingVersion(), ByteBuffer.wrap(blob), layout, out, 2);
        assertEquals(7f, out[0]);
        assertEquals(7f, out[out.length - 1]);
        return java.util.Arrays.copyOfRange(out, 2, 2 + layout.length());
    }

    @Test
    void bothFormatsRoundTripExactlyAtEverySparsity() throws Exception {
        int seed = 0;
        for (double s : new double[] {0, 0.01, 0.3, 0.5, 0.9, 0.99, 0.9999, 1.0}) {
            for (int n : new int[] {1, 7, 64, 65, 1000, 100_003}) {
                float[] d = sparse(n, s, seed++);
                if (seed % 5 == 0) {
                    d[0] = -0f; // a negative zero is pruned and decodes to (positive) zero
                }
                TensorLayout layout = n % 5 == 0 ? TensorLayout.of('f', 5, n / 5) : TensorLayout.vector(n);
                for (TensorEncoder e : new TensorEncoder[] {SparseEncoders.bitmask(DenseEncoders.f32()),
                        SparseEncoders.relativeIndex(DenseEncoders.f32()), SparseEncoders.smallest(d, DenseEncoders.f32())}) {
                    float[] back = decode(e, layout, e.encode(new FloatTensor(layout, d)));
                    for (int i = 0; i < n; i++) {
                        assertEquals(d[i], back[i], 0f, e.describe() + " n=" + n + " s=" + s + " i=" + i);
                    }
                }
            }
        }
    }

    @Test
    void valuesGoThroughTheInnerEncoding() throws Exception {
        float[] d = sparse(4096, 0.8, 3);
        for (int i = 0; i < d.length; i++) { // values exactly representable in fp16, as a quantizer leaves them
            d[i] = HalfPrecision.fromHalf(HalfPrecision.toHalf(d[i]));
        }
        TensorLayout layout = TensorLayout.vector(d.length);
        TensorEncoder e = SparseEncoders.relativeIndex(DenseEncoders.f16());
        byte[] blob = e.encode(new FloatTensor(layout, d));
        assertArrayEquals(d, decode(e, layout, blob));
        byte[] f32 = SparseEncoders.relativeIndex(DenseEncoders.f32()).encode(new FloatTensor(layout, d));
        int nnz = (int) java.util.Arrays.stream(box(d)).filter(v -> v != 0).count();
        assertEquals(2 * nnz, f32.length - blob.length + ("dense-f32".length() - "dense-f16".length()));
        assertEquals("relative-index(fp16)", e.describe());
    }

    @Test
    void smallestChoosesRelativeIndexWhenVerySparseAndBitmaskWhenDense() {
        float[] verySparse = sparse(100_000, 0.95, 1);
        float[] half = sparse(100_000, 0.5, 2);
        assertEquals("sparse-relative-index", SparseEncoders.smallest(verySparse, DenseEncoders.f32()).encodingId());
        assertEquals("sparse-bitmask", SparseEncoders.smallest(half, DenseEncoders.f32()).encodingId());
        for (float[] d : new float[][] {verySparse, half}) {
            FloatTensor t = new FloatTensor(TensorLayout.vector(d.length), d);
            int chosen = SparseEncoders.smallest(d, DenseEncoders.f32()).encode(t).length;
            int bm = SparseEncoders.bitmask(DenseEncoders.f32()).encode(t).length;
            int ri = SparseEncoders.relativeIndex(DenseEncoders.f32()).encode(t).length;
            assertEquals(Math.min(bm, ri), chosen);
        }
    }

    @Test
    void rewrapKeepsTheFormatAndAroundKeepsTheValueEncoder() {
        TensorEncoder bm = SparseEncoders.bitmask(DenseEncoders.f32());
        TensorEncoder re = bm.rewrap(DenseEncoders.f16());
        assertTrue(re.wrapsValues());
        assertEquals("sparse-bitmask", re.encodingId());
        assertSame(DenseEncoders.f16(), SparseEncoders.valuesOf(re));
        float[] d = sparse(10_000, 0.97, 4);
        TensorEncoder a = SparseEncoders.around(d, re);
        assertEquals("sparse-relative-index", a.encodingId());
        assertSame(DenseEncoders.f16(), SparseEncoders.valuesOf(a));
        assertSame(DenseEncoders.f32(), SparseEncoders.around(new float[] {1, 2}, DenseEncoders.f32()));
        assertFalse(DenseEncoders.f32().wrapsValues());
        assertThrows(IllegalArgumentException.class, () -> SparseEncoders.bitmask(bm));
    }

    @Test
    void corruptBlobsAreRejectedWithAReason() {
        float[] d = sparse(1000, 0.9, 5);
        TensorLayout layout = TensorLayout.vector(1000);
        for (TensorEncoder e : new TensorEncoder[] {SparseEncoders.bitmask(DenseEncoders.f32()),
                SparseEncoders.relativeIndex(DenseEncoders.f32())}) {
            byte[] blob = e.encode(new FloatTensor(layout, d));
            for (int cut : new int[] {0, 3, 9, 12, blob.length / 2, blob.length - 1}) {
                byte[] truncated = java.util.Arrays.copyOf(blob, cut);
                assertThrows(CorruptTensorException.class, () -> decode(e, layout, truncated), e.describe() + " " + cut);
            }
            byte[] badCount = blob.clone();
            int countAt = e.encodingId().equals("sparse-bitmask") ? 4 : 5;
            badCount[countAt] ^= 1;
            CorruptTensorException x = assertThrows(CorruptTensorException.class, () -> decode(e, layout, badCount));
            assertFalse(x.getMessage().isBlank());
            assertThrows(CorruptTensorException.class, () -> decode(e, TensorLayout.vector(999), blob));
        }
    }

    private static Float[] box(float[] d) {
        Float[] b = new Float[d.length];
        for (int i = 0; i < d.length; i++) {
            b[i] = d[i];
        }
        return b;
    }
}
