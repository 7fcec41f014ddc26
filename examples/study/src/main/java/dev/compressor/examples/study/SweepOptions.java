package dev.compressor.examples.study;

import java.time.Duration;
import java.util.List;

/**
 * How each cell is measured and how child JVMs are started. Immutable.
 *
 * @param seed seed of the weights and of the input
 * @param warmupIterations at batch 1, the most warm-up rounds of the paired protocol (they end
 *     earlier once latency settles); at the larger batch, warm-up inferences (at most 1); at least 0
 * @param measuredIterations at batch 1, the paired rounds per cell (each runs the setting and fp32,
 *     and a resident setting's dequantize-at-load twin, once); at the larger batch, measured
 *     inferences: exactly this many, or at most this many when a time budget is set; at least 1
 * @param timeBudget time after which each cell stops measuring, once it has at least
 *     {@link #MIN_MEASURED_IN_BUDGET} rounds (or the count, if lower); null to measure exactly the
 *     count
 * @param largeBatch a second, larger batch size to profile as well, or 0 for batch 1 only
 * @param xz whether to also write the artifact with the xz outer compression (slow on large networks)
 * @param retryFailed whether to measure again the cells recorded as failed (a success is appended
 *     after the failure and supersedes it)
 * @param childJvmArgs JVM options of each child JVM, e.g. {@code -Xmx8g}
 * @param fidelityImages real inputs the fidelity of every setting is measured on, at least 1
 */
public record SweepOptions(long seed, int warmupIterations, int measuredIterations, Duration timeBudget,
        int largeBatch, boolean xz, boolean retryFailed, List<String> childJvmArgs, int fidelityImages) {

    /**
     * With a time budget, each cell measures at least this many paired rounds: enough for a verdict
     * ({@code PairedComparison.MIN_ROUNDS_FOR_VERDICT}).
     */
    public static final int MIN_MEASURED_IN_BUDGET = 10;
    /**
     * With a time budget, the larger batch's absolute throughput (no verdict) measures at least this many
     * inferences (a batch of 8 takes about 6 s on MobileNet-v1 here, so 10 would cost a minute a cell).
     */
    public static final int MIN_LARGE_BATCH_IN_BUDGET = 3;
    /** Fidelity inputs of the constructor without that argument (tests, small runs). */
    public static final int DEFAULT_FIDELITY_IMAGES = 16;

    /**
     * The JVM option that lets compressor-quant's kernels use the incubating Vector API (the resident
     * runtime's fused products and decoding; without it they run as plain loops, slower on JDK 17):
     * what a deployment of resident-quantized networks should use, so the study measures with it.
     */
    public static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    /**
     * The full run's defaults: seed 42; per cell at batch 1 up to 10 warm-up rounds, then up to 30 paired
     * rounds within 20 s (at least 10); at batch 8 one warm-up, then up to 30 inferences within 20 s (at
     * least 3); fidelity on 256 real images; 12 GiB heap; the Vector API module added ({@link #VECTOR_MODULE}).
     */
    public static final SweepOptions FULL = new SweepOptions(42, 10, 30, Duration.ofSeconds(20), 8, false, false,
            List.of("-Xmx12g", SweepOptions.VECTOR_MODULE), 256);
    /**
     * The quick run's defaults: seed 42; per cell up to 10 warm-up rounds and exactly 30 paired rounds at
     * batch 1 only; fidelity on 8 real images (the full run: 256); 4 GiB heap; the Vector API module added.
     */
    public static final SweepOptions QUICK = new SweepOptions(42, 10, 30, null, 0, false, false,
            List.of("-Xmx4g", SweepOptions.VECTOR_MODULE), 8);

    /**
     * Options with {@value #DEFAULT_FIDELITY_IMAGES} fidelity inputs.
     *
     * @param seed seed of the weights and of the input
     * @param warmupIterations warm-up rounds (batch 1) and inferences (larger batch)
     * @param measuredIterations paired rounds (batch 1) and inferences (larger batch)
     * @param timeBudget time budget per cell, or null
     * @param largeBatch the larger batch, or 0
     * @param xz whether to write xz artifacts too
     * @param retryFailed whether to measure failed cells again
     * @param childJvmArgs JVM options of each child JVM
     */
    public SweepOptions(long seed, int warmupIterations, int measuredIterations, Duration timeBudget, int largeBatch,
                        boolean xz, boolean retryFailed, List<String> childJvmArgs) {
        this(seed, warmupIterations, measuredIterations, timeBudget, largeBatch, xz, retryFailed, childJvmArgs,
                DEFAULT_FIDELITY_IMAGES);
    }

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
        if (fidelityImages < 1) {
            throw new IllegalArgumentException("fidelityImages must be >= 1, got " + fidelityImages);
        }
        childJvmArgs = List.copyOf(childJvmArgs);
    }
}
