package dev.compressor.api.profile;

import dev.compressor.api.energy.EnergyReading;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a {@link Profiler} measured: one inference is one call of the network on one batch of
 * {@link #batchSize()} samples. Warm-up inferences are excluded from every figure. Immutable.
 *
 * @param label what was profiled (the builder's label)
 * @param batchSize samples per inference
 * @param warmupIterations inferences run before measuring
 * @param latency the latency distribution of the measured inferences
 * @param measuredTime the sum of the measured latencies
 * @param memory memory in use right after the measured inferences
 * @param energy what the attached meter measured over the measured phase, if one was attached
 * @param outputChecksum a sum of sampled output elements; it proves the outputs were read and can
 *     be compared between runs of the same network and input
 */
public record Profile(String label, int batchSize, int warmupIterations, LatencyStats latency,
        Duration measuredTime, MemoryUse memory, Optional<EnergyReading> energy, double outputChecksum) {

    /** Validates the values. */
    public Profile {
        Objects.requireNonNull(label, "label");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(measuredTime, "measuredTime");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(energy, "energy");
    }

    /**
     * The number of measured inferences.
     *
     * @return the count
     */
    public long count() {
        return latency.count();
    }

    /**
     * Inferences per second: count divided by the sum of latencies.
     *
     * @return calls per second, 0 if the measured time is zero
     */
    public double inferencesPerSecond() {
        long nanos = measuredTime.toNanos();
        return nanos > 0 ? count() / (nanos / 1e9) : 0;
    }

    /**
     * Samples per second: {@link #inferencesPerSecond()} times the batch size.
     *
     * @return throughput
     */
    public double samplesPerSecond() {
        return inferencesPerSecond() * batchSize;
    }

    /**
     * Energy per inference in joules (gross: the meter's total over the measured phase divided by
     * the count). The phase includes the small per-inference bookkeeping between inferences.
     *
     * @return joules per inference, empty without a meter
     */
    public OptionalDouble joulesPerInference() {
        return energy.map(e -> OptionalDouble.of(e.joules() / count())).orElse(OptionalDouble.empty());
    }

    /**
     * Energy per inference above the idle baseline in joules ({@link EnergyReading#joulesAboveIdle()}
     * divided by the count); equal to {@link #joulesPerInference()} when no baseline was measured.
     *
     * @return joules above idle per inference, empty without a meter
     */
    public OptionalDouble joulesAboveIdlePerInference() {
        return energy.map(e -> OptionalDouble.of(e.joulesAboveIdle() / count())).orElse(OptionalDouble.empty());
    }

    /**
     * Energy per sample in joules: {@link #joulesPerInference()} divided by the batch size.
     *
     * @return joules per sample
     */
    public OptionalDouble joulesPerSample() {
        return energy.map(e -> OptionalDouble.of(e.joules() / count() / batchSize)).orElse(OptionalDouble.empty());
    }

    /**
     * One readable line: the label, median and 99th-percentile latency with units, throughput, and
     * energy per inference ("n/a" without a meter), e.g. {@code "inference: p50 4.21 ms, p99 5.10 ms,
     * 237.5 inferences/s (batch 1), 0.0312 J/inference"}.
     *
     * @return the summary
     */
    public String summary() {
        OptionalDouble j = joulesPerInference();
        return String.format(Locale.ROOT, "%s: p50 %s, p99 %s, %.1f inferences/s (batch %d), %s", label,
                format(latency.p50()), format(latency.p99()), inferencesPerSecond(), batchSize,
                j.isPresent() ? String.format(Locale.ROOT, "%.4g J/inference", j.getAsDouble()) : "J/inference n/a");
    }

    /** The {@link #summary()}. @return the summary */
    @Override
    public String toString() {
        return summary();
    }

    /**
     * A duration with a unit fit for latencies: {@code "1.23 s"}, {@code "4.21 ms"}, {@code "85.3 us"},
     * {@code "950 ns"}.
     *
     * @param d a duration, not negative
     * @return the text
     */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f ms", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1f us", n / 1e3);
        }
        return n + " ns";
    }

    /**
     * Average power over the measured phase in watts.
     *
     * @return watts, empty without a meter
     */
    public OptionalDouble averageWatts() {
        return energy.map(e -> OptionalDouble.of(e.averageWatts())).orElse(OptionalDouble.empty());
    }
}
