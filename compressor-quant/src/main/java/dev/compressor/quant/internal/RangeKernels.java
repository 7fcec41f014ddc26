package dev.compressor.quant.internal;

import dev.compressor.quant.ChannelSplit;
import java.util.Arrays;

/**
 * Per-channel statistics over a flat float run: minimum and maximum (one pass, parallel) and
 * fixed-range histograms. Plain loops over {@code float[]}; stateless and thread-safe.
 */
public final class RangeKernels {

    /** Elements per local chunk of {@link #minMaxScalar}. */
    private static final int CHUNK = 512;

    private RangeKernels() {
    }

    /**
     * Per-channel minimum and maximum.
     *
     * @param d the values, {@code split.length()} of them
     * @param split how the values divide into channels
     * @return {@code {min[], max[]}}, one entry per channel
     * @throws IllegalArgumentException naming the first NaN or infinite value and its index
     */
    public static float[][] minMax(float[] d, ChannelSplit split) {
        checkLength(d, split);
        int channels = split.channels();
        int inner = split.inner();
        int runs = split.runs();
        int slices = Parallel.sliceCount(runs, inner);
        float[][] mins = new float[slices][];
        float[][] maxs = new float[slices][];
        Parallel.forSlices(runs, slices, (k, from, to) -> {
            float[] mn = new float[channels];
            float[] mx = new float[channels];
            Arrays.fill(mn, Float.POSITIVE_INFINITY);
            Arrays.fill(mx, Float.NEGATIVE_INFINITY);
            int c = from % channels;
            for (int r = from; r < to; r++) {
                int start = r * inner;
                int end = start + inner;
                float[] ab = minMaxRun(d, start, end);
                mn[c] = Math.min(mn[c], ab[0]);
                mx[c] = Math.max(mx[c], ab[1]);
                if (++c == channels) {
                    c = 0;
                }
            }
            mins[k] = mn;
            maxs[k] = mx;
        });
        float[] min = mins[0];
        float[] max = maxs[0];
        for (int k = 1; k < slices; k++) {
            for (int c = 0; c < channels; c++) {
                min[c] = Math.min(min[c], mins[k][c]);
                max[c] = Math.max(max[c], maxs[k][c]);
            }
        }
        for (int c = 0; c < channels; c++) {
            if (!Float.isFinite(min[c]) || !Float.isFinite(max[c])) {
                throw nonFinite(d);
            }
        }
        return new float[][] {min, max};
    }

    /**
     * Minimum and maximum of {@code d[start..end)}; NaN propagates into both. A single pair of
     * accumulators: C2 turns this loop into a vector reduction; {@link VectorKernels#minMax} when
     * {@link SimdSupport#ENABLED}.
     *
     * @param d values
     * @param start first index
     * @param end one past the last index
     * @return {@code {min, max}}
     */
    static float[] minMaxRun(float[] d, int start, int end) {
        return SimdSupport.ENABLED ? VectorKernels.minMax(d, start, end) : minMaxScalar(d, start, end);
    }

    /**
     * The plain-loop form of {@link #minMaxRun}. Long runs go through a local chunk with one
     * minimum and maximum per position: a loop whose arrays share one index, which C2 (JDK 17 too)
     * vectorizes; minimum and maximum do not depend on the order, so the result is the same.
     */
    static float[] minMaxScalar(float[] d, int start, int end) {
        if (end - start < 2 * CHUNK) {
            return minMaxLoop(d, start, end);
        }
        float[] xs = new float[CHUNK];
        float[] mn = new float[CHUNK];
        float[] mx = new float[CHUNK];
        Arrays.fill(mn, Float.POSITIVE_INFINITY);
        Arrays.fill(mx, Float.NEGATIVE_INFINITY);
        for (int p = start; p < end; p += CHUNK) {
            int len = Math.min(CHUNK, end - p);
            System.arraycopy(d, p, xs, 0, len);
            for (int j = 0; j < len; j++) {
                mn[j] = Math.min(mn[j], xs[j]);
                mx[j] = Math.max(mx[j], xs[j]);
            }
        }
        float a = Float.POSITIVE_INFINITY;
        float b = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < CHUNK; j++) {
            a = Math.min(a, mn[j]);
            b = Math.max(b, mx[j]);
        }
        return new float[] {a, b};
    }

    private static float[] minMaxLoop(float[] d, int start, int end) {
        float a = Float.POSITIVE_INFINITY;
        float b = Float.NEGATIVE_INFINITY;
        for (int i = start; i < end; i++) {
            float x = d[i];
            a = Math.min(a, x);
            b = Math.max(b, x);
        }
        return new float[] {a, b};
    }

    /**
     * Per-channel histograms with {@code bins} equal bins over each channel's {@code [min, max]};
     * values outside fall into the end bins.
     *
     * @param d the values
     * @param split how the values divide into channels
     * @param min per-channel lower ends
     * @param max per-channel upper ends
     * @param bins bins per channel, at least 1
     * @return counts, channel-major: entry {@code c * bins + b}
     */
    public static long[] histogram(float[] d, ChannelSplit split, float[] min, float[] max, int bins) {
        checkLength(d, split);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        int channels = split.channels();
        int inner = split.inner();
        long[] hist = new long[Math.multiplyExact(channels, bins)];
        float[] inv = new float[channels];
        for (int c = 0; c < channels; c++) {
            double w = (double) max[c] - min[c];
            inv[c] = w > 0 ? (float) (bins / w) : 0f;
        }
        int last = bins - 1;
        Parallel.Slice body = (k, from, to) -> {
            for (int r = from; r < to; r++) {
                int c = r % channels;
                int base = c * bins;
                float lo = min[c];
                float iv = inv[c];
                int start = r * inner;
                for (int i = start; i < start + inner; i++) {
                    int b = (int) ((d[i] - lo) * iv);
                    hist[base + Math.max(0, Math.min(last, b))]++;
                }
            }
        };
        if (split.outer() == 1) {
            // each run is a whole channel: slices touch disjoint parts of the histogram
            Parallel.forSlices(split.runs(), Parallel.sliceCount(split.runs(), inner), body);
        } else {
            body.run(0, 0, split.runs());
        }
        return hist;
    }

    /**
     * The exception for a run that holds a NaN or infinite value, naming the first one.
     *
     * @param d the values
     * @return the exception
     */
    static IllegalArgumentException nonFinite(float[] d) {
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                return new IllegalArgumentException("cannot quantize non-finite value " + d[i] + " at index " + i);
            }
        }
        return new IllegalArgumentException("cannot quantize non-finite values");
    }

    private static void checkLength(float[] d, ChannelSplit split) {
        if (d.length != split.length()) {
            throw new IllegalArgumentException("split " + split + " needs " + split.length() + " values, got "
                    + d.length);
        }
    }
}
