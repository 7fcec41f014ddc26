package dev.compressor.examples.study;

import java.time.Duration;
import java.util.List;

/**
 * How each cell is measured and how child JVMs are started. Immutable.
 *
 * @param seed seed of the weights and of the input
 * @param warmupIterations inferences before measuring, at least 0
 * @param measuredIterations measured inferences per profiled batch size: exactly this many, or at most
 *     this many when a time budget is set; at least 1
 * @param timeBudget time after which each profiled batch size stops measuring, once it has at least
 *     {@link #MIN_MEASURED_IN_BUDGET} inferences (or the count, if lower); null to measure exactly the
 *     count
 * @param largeBatch a second, larger batch size to profile as well, or 0 for batch 1 only
 * @param xz whether to also write the artifact with the xz outer compression (slow on large networks)
 * @param retryFailed whether to measure again the cells recorded as failed (a success is appended
 *     after the failure and supersedes it)
 * @param childJvmArgs JVM options of each child JVM, e.g. {@code -Xmx8g}
 */
public record SweepOptions(long seed, int warmupIterations, int measuredIterations, Duration timeBudget,
        int largeBatch, boolean xz, boolean retryFailed, List<String> childJvmArgs) {

    /** With a time budget, each profiled batch size measures at least this many inferences. */
    public static final int MIN_MEASURED_IN_BUDGET = 3;

    /**
     * The full run's defaults: seed 42, 3 warm-up inferences, then up to 20 measured ones within 15 s
     * (at least 3), also at batch 8 (after 1 warm-up), 12 GiB heap.
     */
    public static final SweepOptions FULL = new SweepOptions(42, 3, 20, Duration.ofSeconds(15), 8, false, false,
            List.of("-Xmx12g"));
    /** The quick run's defaults: seed 42, 1 warm-up and exactly 5 measured inferences, batch 1 only, 4 GiB heap. */
    public static final SweepOptions QUICK = new SweepOptions(42, 1, 5, null, 0, false, false, List.of("-Xmx4g"));

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException if warm-up is negative, measured iterations below 1, the time
     *     budget zero or negative, or the large batch 1 or negative
     */
    public SweepOptions {
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("warmupIterations must be >= 0, got " + warmupIterations);
        }
        if (measuredIterations < 1) {
            throw new IllegalArgumentException("measuredIterations must be >= 1, got " + measuredIterations);
        }
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new IllegalArgumentException("timeBudget must be positive (or null for an exact count), got "
                    + timeBudget);
        }
        if (largeBatch != 0 && largeBatch < 2) {
            throw new IllegalArgumentException("largeBatch must be 0 (off) or >= 2, got " + largeBatch);
        }
        childJvmArgs = List.copyOf(childJvmArgs);
    }
}
