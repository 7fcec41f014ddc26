package dev.compressor.api;

import dev.compressor.api.encoding.PreparedEncoding.ErrorSums;
import java.util.stream.IntStream;

/**
 * Measures the error of stored values against the original ones: non-zeros, signal and noise
 * energy, largest absolute error. Large runs are cut into fixed blocks summed on the common
 * fork-join pool and combined in block order, so the sums do not depend on scheduling. Stateless
 * and thread-safe.
 */
final class ErrorMeasure {

    /** Elements per block: each block is summed on one thread with four accumulators. */
    static final int BLOCK = 1 << 16;

    private ErrorMeasure() {
    }

    /**
     * The error of {@code stored[offset + i]} against {@code original[i]} for every {@code i}.
     *
     * @param original the original values
     * @param stored the stored (decoded) values
     * @param offset where {@code original[0]}'s counterpart lies in {@code stored}
     * @return the sums
     */
    static ErrorSums of(float[] original, float[] stored, int offset) {
        int n = original.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[][] part = new double[blocks][];
        IntStream range = IntStream.range(0, blocks);
        (blocks > 1 ? range.parallel() : range).forEach(b -> part[b] = block(original, stored, offset,
                b * BLOCK, Math.min(n, (b + 1) * BLOCK)));
        double signal = 0;
        double noise = 0;
        double max = 0;
        long nonZeros = 0;
        for (double[] p : part) {
            signal += p[0];
            noise += p[1];
            max = Math.max(max, p[2]);
            nonZeros += (long) p[3];
        }
        return new ErrorSums(nonZeros, signal, noise, max);
    }

    private static double[] block(float[] original, float[] stored, int offset, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double n0 = 0;
        double n1 = 0;
        double m0 = 0;
        double m1 = 0;
        long nz = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            double x0 = original[i];
            double y0 = stored[offset + i];
            double x1 = original[i + 1];
            double y1 = stored[offset + i + 1];
            double e0 = x0 - y0;
            double e1 = x1 - y1;
            s0 += x0 * x0;
            s1 += x1 * x1;
            n0 += e0 * e0;
            n1 += e1 * e1;
            m0 = Math.max(m0, Math.abs(e0));
            m1 = Math.max(m1, Math.abs(e1));
            nz += (y0 != 0 ? 1 : 0) + (y1 != 0 ? 1 : 0);
        }
        for (; i < to; i++) {
            double x = original[i];
            double y = stored[offset + i];
            double e = x - y;
            s0 += x * x;
            n0 += e * e;
            m0 = Math.max(m0, Math.abs(e));
            nz += y != 0 ? 1 : 0;
        }
        return new double[] {s0 + s1, n0 + n1, Math.max(m0, m1), nz};
    }
}
