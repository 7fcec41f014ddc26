package dev.compressor.api.profile;

import java.time.Duration;

/**
 * The distribution of measured latencies, in nanoseconds. Percentiles come from an HdrHistogram
 * with three significant digits (within 0.1 % of the true value) and are clamped to the exact
 * minimum and maximum; count, minimum, maximum, mean and standard deviation are exact.
 *
 * @param count number of measured inferences
 * @param minNanos the fastest inference
 * @param meanNanos the arithmetic mean
 * @param p50Nanos the median
 * @param p90Nanos the 90th percentile
 * @param p99Nanos the 99th percentile
 * @param maxNanos the slowest inference
 * @param stdDevNanos the sample standard deviation (0 for one inference)
 */
public record LatencyStats(long count, long minNanos, double meanNanos, long p50Nanos, long p90Nanos,
        long p99Nanos, long maxNanos, double stdDevNanos) {

    /** Validates the values. */
    public LatencyStats {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (minNanos < 0 || minNanos > maxNanos) {
            throw new IllegalArgumentException("need 0 <= min <= max, got min " + minNanos + ", max " + maxNanos);
        }
    }

    /**
     * Half-width of the 95 % confidence interval of the mean ({@code 1.96 * sd / sqrt(n)}), in
     * nanoseconds; a normal approximation, reasonable from about 30 inferences.
     *
     * @return the half-width
     */
    public double ci95HalfWidthNanos() {
        return 1.96 * stdDevNanos / Math.sqrt(count);
    }

    /**
     * The median as a duration.
     *
     * @return p50
     */
    public Duration p50() {
        return Duration.ofNanos(p50Nanos);
    }

    /**
     * The 99th percentile as a duration.
     *
     * @return p99
     */
    public Duration p99() {
        return Duration.ofNanos(p99Nanos);
    }
}
