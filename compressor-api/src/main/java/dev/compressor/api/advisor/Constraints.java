package dev.compressor.api.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Limits a recommendation must meet. Immutable; start from {@link #none()} and add limits.
 *
 * @param maxQualityDrop the largest allowed drop of quality below the baseline's (metric units)
 * @param maxLatency the largest allowed median latency in nanoseconds
 * @param maxJoulesPerInference the largest allowed energy per inference
 * @param maxBytes the largest allowed artifact size
 */
public record Constraints(OptionalDouble maxQualityDrop, OptionalDouble maxLatency, OptionalDouble maxJoulesPerInference,
        OptionalDouble maxBytes) {

    /** No limits. @return the constraints */
    public static Constraints none() {
        return new Constraints(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty());
    }

    /**
     * With a quality-drop limit.
     *
     * @param drop largest allowed drop, e.g. 0.005 for half a point of accuracy
     * @return the new constraints
     */
    public Constraints withMaxQualityDrop(double drop) {
        return new Constraints(OptionalDouble.of(checked("quality drop", drop)), maxLatency, maxJoulesPerInference,
                maxBytes);
    }

    /**
     * With a latency limit.
     *
     * @param latency largest allowed median latency
     * @return the new constraints
     */
    public Constraints withMaxLatency(Duration latency) {
        return new Constraints(maxQualityDrop, OptionalDouble.of(checked("latency", latency.toNanos())),
                maxJoulesPerInference, maxBytes);
    }

    /**
     * With an energy limit.
     *
     * @param joules largest allowed energy per inference
     * @return the new constraints
     */
    public Constraints withMaxJoulesPerInference(double joules) {
        return new Constraints(maxQualityDrop, maxLatency, OptionalDouble.of(checked("energy", joules)), maxBytes);
    }

    /**
     * With a size limit.
     *
     * @param bytes largest allowed artifact size
     * @return the new constraints
     */
    public Constraints withMaxBytes(long bytes) {
        return new Constraints(maxQualityDrop, maxLatency, maxJoulesPerInference,
                OptionalDouble.of(checked("size", bytes)));
    }

    private static double checked(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " limit must be finite and >= 0, got " + v);
        }
        return v;
    }

    /**
     * The limits a measurement breaks.
     *
     * @param m the measurement
     * @param baseline the baseline's measurement
     * @return one line per broken limit; empty if all are met
     */
    public List<String> violations(Measurement m, Measurement baseline) {
        List<String> out = new ArrayList<>();
        double drop = baseline.quality() - m.quality();
        if (maxQualityDrop.isPresent() && drop > maxQualityDrop.getAsDouble() + 1e-12) {
            out.add(String.format("quality drop %.4f > %.4f", drop, maxQualityDrop.getAsDouble()));
        }
        if (maxLatency.isPresent() && m.latencyNanos() > maxLatency.getAsDouble()) {
            out.add(String.format("latency %.3f ms > %.3f ms", m.latencyNanos() / 1e6, maxLatency.getAsDouble() / 1e6));
        }
        if (maxJoulesPerInference.isPresent()) {
            OptionalDouble j = m.joulesPerInference();
            if (j.isEmpty() || j.getAsDouble() > maxJoulesPerInference.getAsDouble()) {
                out.add(j.isEmpty() ? "no energy measured" : String.format("energy %.5f J > %.5f J", j.getAsDouble(),
                        maxJoulesPerInference.getAsDouble()));
            }
        }
        if (maxBytes.isPresent() && m.artifactBytes() > maxBytes.getAsDouble()) {
            out.add(String.format("size %d B > %.0f B", m.artifactBytes(), maxBytes.getAsDouble()));
        }
        return out;
    }
}
