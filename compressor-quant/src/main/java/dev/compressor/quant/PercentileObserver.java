package dev.compressor.quant;

import java.util.Locale;

/**
 * Clips both tails beyond a percentile, read off a histogram with linear interpolation in a bin.
 *
 * <p>Not Guava's {@code Quantiles} on purpose: calibration streams every activation of every batch
 * through a fixed {@value #BINS}-bin histogram per channel (constant memory), so the exact order
 * statistics that {@code Quantiles} interpolates between are never held.
 */
record PercentileObserver(double percentile) implements Observer {

    static final int BINS = 2048;

    PercentileObserver {
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], got " + percentile);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "percentile(%s)", percentile);
    }

    @Override
    public int histogramBins() {
        return BINS;
    }

    @Override
    public Range[] clipRanges(RangeStatistics statistics, LinearGrid grid) {
        Range[] out = new Range[statistics.channels()];
        double q = percentile / 100;
        for (int c = 0; c < out.length; c++) {
            long[] h = statistics.histogram(c);
            double lo = quantile(h, statistics.min(c), statistics.max(c), 1 - q);
            double hi = quantile(h, statistics.min(c), statistics.max(c), q);
            out[c] = new Range(Math.min(lo, hi), Math.max(lo, hi));
        }
        return out;
    }

    /** The value below which a fraction {@code q} of the counts lies. */
    static double quantile(long[] h, double min, double max, double q) {
        long total = 0;
        for (long v : h) {
            total += v;
        }
        if (total == 0 || max <= min) {
            return q < 0.5 ? min : max;
        }
        double target = q * total;
        double width = (max - min) / h.length;
        long seen = 0;
        for (int i = 0; i < h.length; i++) {
            if (h[i] > 0 && seen + h[i] >= target) {
                double frac = (target - seen) / h[i];
                return Math.max(min, Math.min(max, min + (i + frac) * width));
            }
            seen += h[i];
        }
        return max;
    }
}
