package dev.compressor.quant;

/**
 * Collects statistics of values and estimates, per channel, the range worth representing. Observing
 * is separate from deciding: the {@link LinearGrid} then turns each range into a scale and zero
 * point. Get instances from {@link Observers}; implementations are immutable and thread-safe.
 */
public interface Observer {

    /**
     * A short description, e.g. {@code "minmax"} or {@code "percentile(99.99)"}.
     *
     * @return the description
     */
    String describe();

    /**
     * Histogram bins per channel this observer needs; 0 for minimum and maximum only.
     *
     * @return the bin count
     */
    int histogramBins();

    /**
     * Collects statistics of one tensor or batch.
     *
     * @param values the values
     * @param split how they divide into channels
     * @return the statistics
     * @throws IllegalArgumentException if a value is NaN or infinite, naming it
     */
    default RangeStatistics observe(float[] values, ChannelSplit split) {
        return RangeStatistics.collect(values, split, histogramBins());
    }

    /**
     * Estimates the clipping range of each channel for a grid.
     *
     * @param statistics what was observed
     * @param grid the grid the range will be mapped onto
     * @return one range per channel
     */
    Range[] clipRanges(RangeStatistics statistics, LinearGrid grid);

    /**
     * A clipping range.
     *
     * @param lo lower end
     * @param hi upper end, {@code >= lo}
     */
    record Range(double lo, double hi) {
        /**
         * Validates the ends.
         *
         * @throws IllegalArgumentException if an end is not finite or {@code lo > hi}
         */
        public Range {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
                throw new IllegalArgumentException("range must be finite with lo <= hi, got [" + lo + ", " + hi + "]");
            }
        }
    }
}
