package dev.compressor.examples.study;

import java.util.List;

/**
 * How each cell is measured and how child JVMs are started. Immutable.
 *
 * @param seed seed of the weights and of the input
 * @param warmupIterations inferences before measuring, at least 0
 * @param measuredIterations measured inferences, at least 1
 * @param childJvmArgs JVM options of each child JVM, e.g. {@code -Xmx8g}
 */
public record SweepOptions(long seed, int warmupIterations, int measuredIterations, List<String> childJvmArgs) {

    /** The full run's defaults: seed 42, 3 warm-up and 20 measured inferences, 12 GiB heap. */
    public static final SweepOptions FULL = new SweepOptions(42, 3, 20, List.of("-Xmx12g"));
    /** The quick run's defaults: seed 42, 1 warm-up and 5 measured inferences, 4 GiB heap. */
    public static final SweepOptions QUICK = new SweepOptions(42, 1, 5, List.of("-Xmx4g"));

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException if warm-up is negative or measured iterations below 1
     */
    public SweepOptions {
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("warmupIterations must be >= 0, got " + warmupIterations);
        }
        if (measuredIterations < 1) {
            throw new IllegalArgumentException("measuredIterations must be >= 1, got " + measuredIterations);
        }
        childJvmArgs = List.copyOf(childJvmArgs);
    }
}
