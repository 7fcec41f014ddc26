package dev.compressor.prune.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.prune.Mask;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sparse blobs written from the bit set of non-zero positions are byte for byte those of the
 * element-by-element writer they replaced (kept here as the reference): both index formats, lengths
 * that are not a multiple of 64, signed zeros, NaN, gaps longer than 65,535 and empty tensors.
 */
class SparseBlobLayoutTest {

    @ParameterizedTest
    @CsvSource({"1, 0.0", "63, 0.5", "64, 0.9", "1000, 0.9", "70001, 0.99", "300000, 0.999", "131137, 1.0",
        "5000, 0.0"})
    void blobsAreThoseOfTheReferenceWriter(int n, double sparsity) {
        SplittableRandom rnd = new SplittableRandom(n);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            d[i] = u < sparsity ? (rnd.nextBoolean() ? 0f : -0f) : (float) rnd.nextGaussian();
        }
        if (n > 200_000) {
            d[n - 1] = 1f; // a gap longer than 65,535 before the last element
        }
        if (n > 10 && sparsity < 1) {
            d[n / 2] = Float.NaN;
        }
        for (SparseFormat f : SparseFormat.values()) {
            SparseEncoder e = new SparseEncoder(f, DenseEncoders.f32());
            byte[] blob = e.encode(new FloatTensor(TensorLayout.vector(n), d));
            assertArrayEquals(reference(f, d), blob, f + " n=" + n);
        }
        long[] bits = Mask.nonZero(d).toBits();
        assertArrayEquals(NonZeroBits.of(d), bits, "Mask.nonZero and NonZeroBits agree");
        assertEquals(SparseIndex.of(d), referenceIndex(d));
    }

    /** The writer before the bit set: one branch per element. */
    private static byte[] reference(SparseFormat format, float[] d) {
        int nnz = 0;
        for (float v : d) {
            if (v != 0f) {
                nnz++;
            }
        }
        float[] values = new float[nnz];
        int j = 0;
        for (float v : d) {
            if (v != 0f) {
                values[j++] = v;
            }
        }
        byte[] innerBlob = nnz == 0 ? new byte[0]
                : DenseEncoders.f32().encode(new FloatTensor(TensorLayout.vector(nnz), values));
        byte[] index;
        if (format == SparseFormat.BITMASK) {
            ByteBuffer b = ByteBuffer.allocate(8 + (d.length + 7) / 8).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(d.length).putInt(nnz);
            index = b.array();
            for (int i = 0; i < d.length; i++) {
                if (d[i] != 0f) {
                    index[8 + (i >>> 3)] |= (byte) (1 << (i & 7));
                }
            }
        } else {
            int k = referenceIndex(d).relativeBits();
            int skip = (1 << k) - 1;
            long codes = 0;
            int last = -1;
            for (int i = 0; i < d.length; i++) {
                if (d[i] != 0f) {
                    codes += 1 + (i - last - 1) / skip;
                    last = i;
                }
            }
            ByteBuffer b = ByteBuffer.allocate((int) (13 + (codes * k + 7) / 8)).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) k).putInt(d.length).putInt(nnz).putInt((int) codes);
            index = b.array();
            int pos = 13;
            long acc = 0;
            int filled = 0;
            last = -1;
            for (int i = 0; i < d.length; i++) {
                if (d[i] != 0f) {
                    int gap = i - last - 1;
                    for (; gap >= skip; gap -= skip) {
                        acc |= (long) skip << filled;
                        filled += k;
                        for (; filled >= 8; filled -= 8, acc >>>= 8) {
                            index[pos++] = (byte) acc;
                        }
                    }
                    acc |= (long) gap << filled;
                    filled += k;
                    for (; filled >= 8; filled -= 8, acc >>>= 8) {
                        index[pos++] = (byte) acc;
                    }
                    last = i;
                }
            }
            if (filled > 0) {
                index[pos] = (byte) acc;
            }
        }
        byte[] id = DenseEncoders.f32().encodingId().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(index.length + 2 + id.length + 8 + innerBlob.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(index).putShort((short) id.length).put(id).putInt(DenseEncoders.f32().encodingVersion())
                .putInt(innerBlob.length).put(innerBlob);
        return out.array();
    }

    /** Sizes counted element by element, as before the bit set. */
    private static SparseIndex referenceIndex(float[] d) {
        int kept = 0;
        int last = -1;
        java.util.List<Integer> gaps = new java.util.ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0f) {
                gaps.add(i - last - 1);
                kept++;
                last = i;
            }
        }
        int bestBits = SparseIndex.MIN_BITS;
        long bestCodes = Long.MAX_VALUE;
        long bestTotal = Long.MAX_VALUE;
        for (int k = SparseIndex.MIN_BITS; k <= SparseIndex.MAX_BITS; k++) {
            long codes = 0;
            for (int g : gaps) {
                codes += 1 + g / ((1 << k) - 1);
            }
            if (codes * k < bestTotal) {
                bestTotal = codes * k;
                bestBits = k;
                bestCodes = codes;
            }
        }
        return new SparseIndex(d.length, kept, bestBits, bestCodes);
    }
}
