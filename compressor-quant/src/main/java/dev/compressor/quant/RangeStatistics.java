package dev.compressor.quant;

import dev.compressor.quant.internal.RangeKernels;
import java.util.Arrays;
import java.util.Objects;

/**
 * What an {@link Observer} saw of some values, per channel: minimum, maximum and, when asked for,
 * a histogram of equal bins over {@code [min, max]}. Immutable; statistics of several batches
 * combine with {@link #plus}.
 */
public final class RangeStatistics {

    private final float[] min;
    private final float[] max;
    private final int bins;
    private final long[] histogram;

    private RangeStatistics(float[] min, float[] max, int bins, long[] histogram) {
        this.min = min;
        this.max = max;
        this.bins = bins;
        this.histogram = histogram;
    }

    /**
     * Collects statistics of values in one pass (two with a histogram).
     *
     * @param values the values, {@code split.length()} of them
     * @param split how they divide into channels
     * @param bins histogram bins per channel, or 0 for minimum and maximum only
     * @return the statistics
     * @throws IllegalArgumentException if a value is NaN or infinite (naming it and its index), or
     *     the lengths disagree
     */
    public static RangeStatistics collect(float[] values, ChannelSplit split, int bins) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(split, "split");
        if (bins < 0) {
            throw new IllegalArgumentException("bins must be >= 0, got " + bins);
        }
        float[][] mm = RangeKernels.minMax(values, split);
        long[] h = bins == 0 ? null : RangeKernels.histogram(values, split, mm[0], mm[1], bins);
        return new RangeStatistics(mm[0], mm[1], bins, h);
    }

    /** Minimum and maximum only (no histogram), from arrays this object takes over. */
    static RangeStatistics ofMinMax(float[] min, float[] max) {
        return new RangeStatistics(min, max, 0, null);
    }

    /** The number of channels. @return the count */
    public int channels() {
        return min.length;
    }

    /** The smallest value of a channel. @param channel the channel @return the minimum */
    public float min(int channel) {
        return min[channel];
    }

    /** The largest value of a channel. @param channel the channel @return the maximum */
    public float max(int channel) {
        return max[channel];
    }

    /** Histogram bins per channel; 0 when no histogram was collected. @return the bin count */
    public int bins() {
        return bins;
    }

    /**
     * A channel's histogram over {@code [min(channel), max(channel)]}.
     *
     * @param channel the channel
     * @return a copy of the counts, {@link #bins()} of them
     * @throws IllegalStateException if no histogram was collected
     */
    public long[] histogram(int channel) {
        if (histogram == null) {
            throw new IllegalStateException("these statistics hold no histogram (collected with 0 bins)");
        }
        return Arrays.copyOfRange(histogram, channel * bins, (channel + 1) * bins);
    }

    /**
     * These statistics combined with another batch's: ranges joined, histograms re-binned onto the
     * joined range (each old bin's count moves to the new bin holding its centre).
     *
     * @param other statistics of the same channels and bin count
     * @return the combined statistics
     * @throws IllegalArgumentException if channels or bins differ
     */
    public RangeStatistics plus(RangeStatistics other) {
        if (other.channels() != channels() || other.bins != bins) {
            throw new IllegalArgumentException("cannot combine statistics of " + channels() + " channels x " + bins
                    + " bins with " + other.channels() + " x " + other.bins);
        }
        int n = channels();
        float[] mn = new float[n];
        float[] mx = new float[n];
        long[] h = bins == 0 ? null : new long[n * bins];
        for (int c = 0; c < n; c++) {
            mn[c] = Math.min(min[c], other.min[c]);
            mx[c] = Math.max(max[c], other.max[c]);
            if (h != null) {
                rebin(this, c, mn[c], mx[c], h);
                rebin(other, c, mn[c], mx[c], h);
            }
        }
        return new RangeStatistics(mn, mx, bins, h);
    }

    private static void rebin(RangeStatistics s, int c, float lo, float hi, long[] into) {
        int b = s.bins;
        double width = ((double) s.max[c] - s.min[c]) / b;
        double inv = hi > lo ? b / ((double) hi - lo) : 0;
        for (int i = 0; i < b; i++) {
            long count = s.histogram[c * b + i];
            if (count != 0) {
                double centre = s.min[c] + (i + 0.5) * width;
                int t = (int) Math.max(0, Math.min(b - 1, Math.floor((centre - lo) * inv)));
                into[c * b + t] += count;
            }
        }
    }
}
