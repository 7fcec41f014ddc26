package dev.compressor.api.profile;

import org.HdrHistogram.Histogram;

/** Collects latencies into an HdrHistogram plus exact running moments. Not thread-safe. */
final class LatencyRecorder {

    private final Histogram histogram = new Histogram(3);
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;
    private long sum;
    private double mean;
    private double m2;

    void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalStateException("the ticker went backwards by " + (-nanos) + " ns; it must be monotonic");
        }
        histogram.recordValue(nanos);
        count++;
        sum += nanos;
        min = Math.min(min, nanos);
        max = Math.max(max, nanos);
        double delta = nanos - mean;
        mean += delta / count;
        m2 += delta * (nanos - mean);
    }

    long count() {
        return count;
    }

    /** The exact sum of the recorded latencies, in nanoseconds. */
    long sumNanos() {
        return sum;
    }

    LatencyStats stats() {
        double sd = count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
        return new LatencyStats(count, min, (double) sum / count, percentile(50), percentile(90), percentile(99),
                max, sd);
    }

    private long percentile(double p) {
        long v = histogram.getValueAtPercentile(p);
        return Math.max(min, Math.min(max, v));
    }
}
