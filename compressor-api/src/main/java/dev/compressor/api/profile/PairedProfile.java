package dev.compressor.api.profile;

import com.google.common.math.Quantiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a {@link PairedProfiler} measured: for every arm (the baseline first), its latency per round
 * and, with an energy meter, its energy per inference per round, all taken in the same interleaved
 * rounds, so any two arms can be compared with {@link #latencyRatio(String, String)} and
 * {@link #energyRatio(String, String)}. Immutable.
 *
 * @param arms the arm names in the order they were given, the baseline first
 * @param rounds measured rounds (each arm ran once per round, in an order that changes per round)
 * @param warmupRounds untimed rounds run before, until latency settled or the limit was reached
 * @param warmupSettled whether the warm-up ended because latency settled (false: it hit its limit)
 * @param margin the margin of the verdicts, a fraction
 * @param latencyNanos per arm, its median latency per inference in each round, nanoseconds
 * @param latency per arm, the distribution of every timed inference
 * @param joulesPerInference per arm, energy per inference in each round (idle power subtracted when an
 *     idle baseline was measured); empty without a meter
 * @param energy how energy was measured, empty without a meter
 */
public record PairedProfile(List<String> arms, int rounds, int warmupRounds, boolean warmupSettled, double margin,
        Map<String, double[]> latencyNanos, Map<String, LatencyStats> latency, Map<String, double[]> joulesPerInference,
        Optional<EnergyMethod> energy) {

    /**
     * How the energy of a paired profile was measured.
     *
     * @param meter the meter's name
     * @param estimated whether the meter estimates (then energy is latency in other units: draw no
     *     finding from it)
     * @param idleWatts the idle power subtracted, watts, or NaN when none was measured
     * @param samplesPerSecond the meter's mean sample rate over the measured turns, or NaN if unknown
     */
    public record EnergyMethod(String meter, boolean estimated, double idleWatts, double samplesPerSecond) {
    }

    /** Copies the collections. */
    public PairedProfile {
        arms = List.copyOf(arms);
        latencyNanos = Map.copyOf(latencyNanos);
        latency = Map.copyOf(latency);
        joulesPerInference = Map.copyOf(joulesPerInference);
    }

    /**
     * The latency distribution of one arm.
     *
     * @param arm an arm name
     * @return its statistics
     * @throws IllegalArgumentException if there is no such arm
     */
    public LatencyStats latency(String arm) {
        return require(latency, arm);
    }

    /**
     * Compares one arm's latency with another's over the same rounds.
     *
     * @param arm the candidate arm
     * @param against the arm it is compared with (usually the baseline, {@code arms().get(0)})
     * @return the ratio {@code arm / against} with its interval and verdict
     * @throws IllegalArgumentException if either arm is unknown
     */
    public PairedComparison latencyRatio(String arm, String against) {
        return PairedComparison.of(require(latencyNanos, against), require(latencyNanos, arm), margin);
    }

    /**
     * Compares one arm's energy per inference with another's over the same rounds.
     *
     * @param arm the candidate arm
     * @param against the arm it is compared with
     * @return the comparison, empty without a meter or when a round's energy was not positive
     * @throws IllegalArgumentException if either arm is unknown
     */
    public Optional<PairedComparison> energyRatio(String arm, String against) {
        if (energy.isEmpty()) {
            return Optional.empty();
        }
        double[] a = require(joulesPerInference, arm);
        double[] b = require(joulesPerInference, against);
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] > 0 && b[i] > 0)) {
                return Optional.empty();
            }
        }
        return Optional.of(PairedComparison.of(b, a, margin));
    }

    /**
     * The median energy per inference of one arm over the rounds.
     *
     * @param arm an arm name
     * @return joules, empty without a meter
     */
    public OptionalDouble medianJoulesPerInference(String arm) {
        if (energy.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Quantiles.median().compute(require(joulesPerInference, arm)));
    }

    private <T> T require(Map<String, T> m, String arm) {
        T v = m.get(arm);
        if (v == null) {
            throw new IllegalArgumentException("no arm named '" + arm + "'; arms: " + arms);
        }
        return v;
    }
}
