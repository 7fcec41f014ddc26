package dev.compressor.api.advisor;

import dev.compressor.api.profile.PairedComparison;
import dev.compressor.api.profile.PairedProfiler;
import dev.compressor.api.profile.Profile;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the {@link Advisor} measured for one candidate on this machine, or why it could not.
 *
 * @param candidate the candidate
 * @param artifactBytes artifact size on disk (zstd)
 * @param compressionNanos time compression took
 * @param profile latency, memory and energy of the restored network; empty if it failed
 * @param quality the quality metric's value; NaN if it failed
 * @param error why measuring failed, if it did
 * @param latencyVsBaseline the candidate's latency against the uncompressed network's, measured in
 *     interleaved rounds in the same JVM ({@link PairedProfiler}); empty for the baseline itself and for
 *     failures
 * @param energyVsBaseline the same for energy per inference, when the paired profiler has a meter
 */
public record Measurement(Candidate candidate, long artifactBytes, long compressionNanos, Optional<Profile> profile,
        double quality, Optional<String> error, Optional<PairedComparison> latencyVsBaseline,
        Optional<PairedComparison> energyVsBaseline) {

    /** Validates the fields. */
    public Measurement {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(latencyVsBaseline, "latencyVsBaseline");
        Objects.requireNonNull(energyVsBaseline, "energyVsBaseline");
    }

    /**
     * A measurement without paired comparisons (the baseline's, or one taken without a baseline).
     *
     * @param candidate the candidate
     * @param artifactBytes artifact size on disk (zstd)
     * @param compressionNanos time compression took
     * @param profile latency, memory and energy of the restored network
     * @param quality the quality metric's value
     * @param error why measuring failed, if it did
     */
    public Measurement(Candidate candidate, long artifactBytes, long compressionNanos, Optional<Profile> profile,
                       double quality, Optional<String> error) {
        this(candidate, artifactBytes, compressionNanos, profile, quality, error, Optional.empty(), Optional.empty());
    }

    /**
     * This measurement with its paired comparisons against the baseline.
     *
     * @param latency latency against the baseline
     * @param energy energy against the baseline, if measured
     * @return a new measurement
     */
    public Measurement withComparisons(PairedComparison latency, Optional<PairedComparison> energy) {
        return new Measurement(candidate, artifactBytes, compressionNanos, profile, quality, error,
                Optional.of(latency), energy);
    }

    /**
     * This measurement's cost on a metric relative to the baseline's, as the {@link Objective} weighs
     * it: for size the byte ratio; for latency and energy the upper end of the paired 95 % interval
     * (so a candidate counts as cheaper only when even the interval's worst end is cheaper), or the
     * ratio of unpaired values where no paired comparison exists (the baseline itself: 1).
     *
     * @param metric the metric
     * @param baseline the uncompressed network's measurement
     * @return the relative cost; 1.0 is the baseline's
     * @throws IllegalStateException for energy when no energy was measured
     */
    public double relative(Metric metric, Measurement baseline) {
        Optional<PairedComparison> paired = switch (metric) {
            case SIZE -> Optional.empty();
            case LATENCY -> latencyVsBaseline;
            case ENERGY -> energyVsBaseline;
        };
        if (paired.isPresent()) {
            return paired.get().upper();
        }
        return value(metric) / baseline.value(metric);
    }

    /**
     * A failed measurement.
     *
     * @param c the candidate
     * @param why the reason
     * @return the measurement
     */
    public static Measurement failed(Candidate c, String why) {
        return new Measurement(c, 0, 0, Optional.empty(), Double.NaN, Optional.of(why));
    }

    /** Whether the candidate was measured successfully. @return true if so */
    public boolean ok() {
        return error.isEmpty();
    }

    /** Median latency in nanoseconds. @return the latency */
    public double latencyNanos() {
        return profile.map(p -> (double) p.latency().p50Nanos()).orElse(Double.NaN);
    }

    /** Energy per inference, if a meter was attached. @return joules */
    public OptionalDouble joulesPerInference() {
        return profile.map(Profile::joulesPerInference).orElse(OptionalDouble.empty());
    }

    /**
     * The value of a metric (lower is better).
     *
     * @param metric the metric
     * @return its value
     * @throws IllegalStateException for energy when no energy was measured
     */
    public double value(Metric metric) {
        return switch (metric) {
            case SIZE -> artifactBytes;
            case LATENCY -> latencyNanos();
            case ENERGY -> joulesPerInference().orElseThrow(() -> new IllegalStateException(
                    "the objective weighs energy but '" + candidate.name() + "' has no energy reading: attach an "
                            + "EnergyMeter to the profiler"));
        };
    }
}
