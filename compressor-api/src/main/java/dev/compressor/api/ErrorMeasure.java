package dev.compressor.api;

import dev.compressor.api.encoding.PreparedEncoding.ErrorSums;
import java.util.stream.IntStream;

/**
 * Measures the error of stored values against the original ones: non-zeros, signal and noise
 * energy, largest absolute error. Large runs are cut into fixed blocks summed on the common
 * fork-join pool and combined in block order, so the sums do not depend on scheduling. A block is
 * summed in float lanes (relative error about 1e-6, enough for a report in dB) unless its magnitudes
 * are extreme, then in double. Stateless and thread-safe.
 */
final class ErrorMeasure {

    /** Elements per block: each block is summed on one thread with four accumulators. */
    static final int BLOCK = 1 << 16;

    /** Elements per local chunk of the float-lane form. */
    private static final int CHUNK = 512;
    /** Chunks summed in float before a flush to double. */
    private static final int FLUSH = 16;
    /** Magnitudes above this could overflow a float sum of squares: summed in double instead. */
    private static final float LARGE = 1e15f;
    /** A block whose largest magnitude is below this would lose its squares to underflow. */
    private static final float SMALL = 1e-15f;

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
        (blocks > 1 ? range.parallel() : range).forEach(b -> {
            int from = b * BLOCK;
            int to = Math.min(n, (b + 1) * BLOCK);
            double[] p = lanes(original, stored, offset, from, to);
            part[b] = p != null ? p : block(original, stored, offset, from, to);
        });
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

    /**
     * The sums of one block in float lanes (a local chunk per loop, which C2 vectorizes, flushed to
     * double every {@value #FLUSH} chunks): within about 1e-6 of the double sums. {@code null} when a
     * magnitude is outside {@code [SMALL, LARGE]} (a float square could overflow, or the block's
     * largest value could underflow): the caller then sums in double.
     */
    private static double[] lanes(float[] original, float[] stored, int offset, int from, int to) {
        float[] xs = new float[CHUNK];
        float[] ys = new float[CHUNK];
        float[] signal = new float[CHUNK];
        float[] noise = new float[CHUNK];
        float[] maxErr = new float[CHUNK];
        float[] maxAbs = new float[CHUNK];
        float[] nonZero = new float[CHUNK];
        double[] sums = new double[4];
        int chunks = 0;
        for (int p = from; p < to; p += CHUNK) {
            int len = Math.min(CHUNK, to - p);
            System.arraycopy(original, p, xs, 0, len);
            System.arraycopy(stored, offset + p, ys, 0, len);
            for (int j = 0; j < len; j++) {
                float e = xs[j] - ys[j];
                noise[j] += e * e;
                maxErr[j] = Math.max(maxErr[j], Math.abs(e));
            }
            for (int j = 0; j < len; j++) {
                float x = xs[j];
                signal[j] += x * x;
                maxAbs[j] = Math.max(maxAbs[j], Math.abs(x));
            }
            for (int j = 0; j < len; j++) {
                nonZero[j] += Math.min((Math.abs(ys[j]) * 0x1p100f) * 0x1p49f, 1f);
            }
            if (++chunks == FLUSH || p + CHUNK >= to) {
                for (int j = 0; j < CHUNK; j++) {
                    sums[0] += signal[j];
                    sums[1] += noise[j];
                    sums[3] += nonZero[j];
                }
                java.util.Arrays.fill(signal, 0f);
                java.util.Arrays.fill(noise, 0f);
                java.util.Arrays.fill(nonZero, 0f);
                chunks = 0;
            }
        }
        float top = 0;
        float err = 0;
        for (int j = 0; j < CHUNK; j++) {
            top = Math.max(top, maxAbs[j]);
            err = Math.max(err, maxErr[j]);
        }
        if (!(top <= LARGE && err <= LARGE) || (top > 0 && top < SMALL) || (err > 0 && err < SMALL)) {
            return null;
        }
        sums[2] = err;
        return sums;
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
