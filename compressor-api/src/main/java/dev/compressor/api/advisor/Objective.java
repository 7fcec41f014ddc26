package dev.compressor.api.advisor;

import java.util.EnumMap;
import java.util.Map;

/**
 * What to minimise: a weighted mix of {@link Metric}s, each taken relative to the baseline's value
 * (so a score of 1.0 is the uncompressed network, 0.5 is "half the cost").
 *
 * @param weights non-negative weights, at least one positive
 */
public record Objective(Map<Metric, Double> weights) {

    /** Validates and copies the weights. */
    public Objective {
        weights = Map.copyOf(new EnumMap<>(weights));
        double sum = 0;
        for (Map.Entry<Metric, Double> e : weights.entrySet()) {
            if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException("weight of " + e.getKey() + " must be finite and >= 0, got "
                        + e.getValue());
            }
            sum += e.getValue();
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive: " + weights);
        }
    }

    /** Minimise size on disk. @return the objective */
    public static Objective size() {
        return new Objective(Map.of(Metric.SIZE, 1.0));
    }

    /** Minimise latency. @return the objective */
    public static Objective latency() {
        return new Objective(Map.of(Metric.LATENCY, 1.0));
    }

    /** Minimise energy per inference. @return the objective */
    public static Objective energy() {
        return new Objective(Map.of(Metric.ENERGY, 1.0));
    }

    /**
     * The score of a measurement: the weighted mean of its metrics relative to the baseline's
     * ({@link Measurement#relative}: for latency and energy the upper end of the paired interval).
     *
     * @param m the measurement
     * @param baseline the baseline's measurement
     * @return the score; 1.0 for the baseline itself, lower is better
     * @throws IllegalStateException if the objective weighs energy and no energy was measured
     */
    public double score(Measurement m, Measurement baseline) {
        double total = 0;
        double sum = 0;
        for (Map.Entry<Metric, Double> e : weights.entrySet()) {
            double w = e.getValue();
            if (w == 0) {
                continue;
            }
            total += w * m.relative(e.getKey(), baseline);
            sum += w;
        }
        return total / sum;
    }

    @Override
    public String toString() {
        return weights.size() == 1 ? "minimise " + weights.keySet().iterator().next().name().toLowerCase()
                : "minimise " + weights;
    }
}
