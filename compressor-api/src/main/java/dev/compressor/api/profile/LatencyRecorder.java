package dev.compressor.api.profile;

import com.google.common.math.StatsAccumulator;
import org.HdrHistogram.Histogram;

/**
 * Collects latencies into an HdrHistogram (for the percentiles) plus exact moments (Guava's
 * {@link StatsAccumulator}, and an exact integer sum). Not thread-safe.
 *
 * <p>The percentiles stay HdrHistogram's on purpose, not Guava's {@code Quantiles}: the histogram
 * keeps constant memory however long a time-budgeted profile runs, and its 0.1 % resolution is far
 * below the noise of a latency measurement.
 */
final class LatencyRecorder {

    private final Histogram histogram = new Histogram(3);
    private final StatsAccumulator moments = new StatsAccumulator();
    private long sum;

    void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalStateException("the ticker went backwards by " + (-nanos) + " ns; it must be monotonic");
        }
        histogram.recordValue(nanos);
        moments.add(nanos);
        sum += nanos;
    }

    long count() {
        return moments.count();
    }

    /** The exact sum of the recorded latencies, in nanoseconds. */
    long sumNanos() {
        return sum;
    }

    LatencyStats stats() {
        long count = moments.count();
        if (count == 0) {
            throw new IllegalStateException("no latency recorded");
        }
        double sd = count > 1 ? moments.sampleStandardDeviation() : 0;
        return new LatencyStats(count, min(), (double) sum / count, percentile(50), percentile(90), percentile(99),
                max(), sd);
    }

    private long min() {
        return (long) moments.min();
    }

    private long max() {
        return (long) moments.max();
    }

    private long percentile(double p) {
        long v = histogram.getValueAtPercentile(p);
        return Math.max(min(), Math.min(max(), v));
    }
}
