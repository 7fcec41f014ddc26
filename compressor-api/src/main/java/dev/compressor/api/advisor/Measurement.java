package dev.compressor.api.advisor;

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
 */
public record Measurement(Candidate candidate, long artifactBytes, long compressionNanos, Optional<Profile> profile,
        double quality, Optional<String> error) {

    /** Validates the fields. */
    public Measurement {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(error, "error");
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
