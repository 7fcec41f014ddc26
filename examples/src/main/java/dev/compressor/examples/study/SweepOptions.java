package dev.compressor.examples.study;

import java.util.List;

/**
 * How each cell is measured and how child JVMs are started. Immutable.
 *
 * @param seed seed of the weights and of the input
 * @param warmupIterations inferences before measuring, at least 0
 * @param measuredIterations measured inferences, at least 1
 * @param largeBatch a second, larger batch size to profile as well, or 0 for batch 1 only
 * @param xz whether to also write the artifact with the xz outer compression (slow on large networks)
 * @param retryFailed whether to measure again the cells recorded as failed (a success is appended
 *     after the failure and supersedes it)
 * @param childJvmArgs JVM options of each child JVM, e.g. {@code -Xmx8g}
 */
public record SweepOptions(long seed, int warmupIterations, int measuredIterations, int largeBatch, boolean xz,
        boolean retryFailed, List<String> childJvmArgs) {

    /** The full run's defaults: seed 42, 3 warm-up and 20 measured inferences, also batch 8, 12 GiB heap. */
    public static final SweepOptions FULL = new SweepOptions(42, 3, 20, 8, false, false, List.of("-Xmx12g"));
    /** The quick run's defaults: seed 42, 1 warm-up and 5 measured inferences, batch 1 only, 4 GiB heap. */
    public static final SweepOptions QUICK = new SweepOptions(42, 1, 5, 0, false, false, List.of("-Xmx4g"));

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException if warm-up is negative, measured iterations below 1 or the large
     *     batch is 1 or negative
     */
    public SweepOptions {
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("warmupIterations must be >= 0, got " + warmupIterations);
        }
        if (measuredIterations < 1) {
            throw new IllegalArgumentException("measuredIterations must be >= 1, got " + measuredIterations);
        }
        if (largeBatch != 0 && largeBatch < 2) {
            throw new IllegalArgumentException("largeBatch must be 0 (off) or >= 2, got " + largeBatch);
        }
        childJvmArgs = List.copyOf(childJvmArgs);
    }
}
