package dev.compressor.api.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The advisor's answer: every measured candidate, the Pareto front, and the recommendation with
 * its reasons. An empty {@link #recommendation()} means "do not compress". Immutable.
 *
 * @param objective what was minimised
 * @param constraints the limits
 * @param baseline the uncompressed network's measurement
 * @param measured every candidate measured, baseline first, in the order measured
 * @param paretoFront measurements no other one beats on size, latency, energy and quality at once
 * @param recommendation the candidate to use, or empty for "do not compress"
 * @param reasons why, one line each
 * @param notMeasured candidates skipped because the time budget ran out
 */
public record Advice(Objective objective, Constraints constraints, Measurement baseline, List<Measurement> measured,
        List<Measurement> paretoFront, Optional<Measurement> recommendation, List<String> reasons,
        List<String> notMeasured) {

    /** Copies the lists. */
    public Advice {
        measured = List.copyOf(measured);
        paretoFront = List.copyOf(paretoFront);
        reasons = List.copyOf(reasons);
        notMeasured = List.copyOf(notMeasured);
    }

    /** Whether the advice is to leave the network uncompressed. @return true for "do not compress" */
    public boolean doNotCompress() {
        return recommendation.isEmpty();
    }

    /**
     * A measurement by candidate name.
     *
     * @param name the candidate's name
     * @return the measurement, if the candidate was measured
     */
    public Optional<Measurement> find(String name) {
        return measured.stream().filter(m -> m.candidate().name().equals(name)).findFirst();
    }

    /** The lines under {@link #toTable()}'s rows that explain its mark and columns. */
    static final String LEGEND = """
            * = on the Pareto front: no other candidate is at least as good on size, latency, energy and quality \
            and better on one
            latency vs fp32: ratio [95 % interval] from interleaved rounds with the uncompressed network
            score: the objective relative to fp32 (latency and energy at the interval's upper end); lower is better
            """;

    /**
     * A text table of the measurements (the Pareto front marked with {@code *}), a legend explaining
     * the mark and the columns, then the choice and its reasons.
     *
     * @return the table
     */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-2s %-32s %12s %10s %-28s %12s %9s %8s%n", "", "candidate", "bytes",
                "p50 ms", "latency vs fp32 (paired)", "J/inference", "quality", "score"));
        for (Measurement m : measured) {
            String mark = paretoFront.contains(m) ? "*" : "";
            if (!m.ok()) {
                sb.append(String.format(Locale.ROOT, "%-2s %-32s failed: %s%n", mark, m.candidate().name(),
                        m.error().orElse("")));
                continue;
            }
            String score;
            try {
                score = String.format(Locale.ROOT, "%.3f", objective.score(m, baseline));
            } catch (IllegalStateException e) {
                score = "n/a";
            }
            sb.append(String.format(Locale.ROOT, "%-2s %-32s %12d %10.3f %-28s %12s %9.4f %8s%n", mark,
                    m.candidate().name(), m.artifactBytes(), m.latencyNanos() / 1e6, m.latencyVsBaseline()
                            .map(c -> c.format() + " " + c.verdict().latencyWord()).orElse(""),
                    m.joulesPerInference().isPresent()
                            ? String.format(Locale.ROOT, "%.5f", m.joulesPerInference().getAsDouble()) : "n/a",
                    m.quality(), score));
        }
        for (String n : notMeasured) {
            sb.append(String.format(Locale.ROOT, "%-2s %-32s not measured (time budget)%n", "", n));
        }
        sb.append(LEGEND);
        sb.append(recommendation.map(m -> "recommendation: " + m.candidate().name()).orElse("recommendation: do not compress"))
                .append('\n');
        List<String> lines = new ArrayList<>(reasons);
        lines.forEach(r -> sb.append("  - ").append(r).append('\n'));
        return sb.toString();
    }
}
