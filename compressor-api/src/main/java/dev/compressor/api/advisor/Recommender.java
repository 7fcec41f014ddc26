package dev.compressor.api.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Decides from measurements: the Pareto front, the feasible candidates, the best one or none. */
final class Recommender {

    private Recommender() {
    }

    static Advice decide(Objective objective, Constraints constraints, double minImprovement, Measurement baseline,
            List<Measurement> all, List<String> skipped) {
        double threshold = 1.0 - minImprovement;
        List<Measurement> ok = all.stream().filter(Measurement::ok).toList();
        List<Measurement> front = paretoFront(ok, baseline);
        List<String> reasons = new ArrayList<>();
        Measurement best = null;
        double bestScore = 1.0; // the baseline's own score
        List<String> baselineViolations = constraints.violations(baseline, baseline);
        for (Measurement m : ok) {
            if (m == baseline) {
                continue;
            }
            List<String> v = constraints.violations(m, baseline);
            double score = objective.score(m, baseline);
            if (!v.isEmpty()) {
                reasons.add(String.format(Locale.ROOT, "%s: breaks %s", m.candidate().name(), String.join(", ", v)));
                continue;
            }
            if (score > threshold) {
                reasons.add(String.format(Locale.ROOT, "%s: meets the constraints but scores %.3f, no better than "
                        + "the uncompressed network (1.000) by the required %.0f %% on '%s'", m.candidate().name(),
                        score, 100 * minImprovement, objective));
                continue;
            }
            if (best == null || score < bestScore) {
                best = m;
                bestScore = score;
            }
        }
        all.stream().filter(m -> !m.ok())
                .forEach(m -> reasons.add(m.candidate().name() + ": could not be measured: " + m.error().orElse("")));
        if (best != null) {
            reasons.add(0, String.format(Locale.ROOT, "chose %s: score %.3f of the uncompressed network's on '%s', "
                    + "within every constraint", best.candidate().name(), bestScore, objective));
        } else {
            String why = ok.size() <= 1 ? "no candidate could be measured"
                    : "no candidate improves '" + objective + "' within the constraints";
            reasons.add(0, "do not compress: " + why);
            if (!baselineViolations.isEmpty()) {
                reasons.add(1, "note: the uncompressed network itself breaks " + String.join(", ", baselineViolations));
            }
        }
        if (!skipped.isEmpty()) {
            reasons.add("time budget ran out before " + skipped);
        }
        return new Advice(objective, constraints, baseline, all, front, Optional.ofNullable(best), reasons, skipped);
    }

    /** Non-dominated measurements on size, latency, energy (where measured) and quality. */
    static List<Measurement> paretoFront(List<Measurement> ok, Measurement baseline) {
        List<Measurement> front = new ArrayList<>();
        for (Measurement a : ok) {
            boolean dominated = false;
            for (Measurement b : ok) {
                if (b != a && dominates(b, a)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(a);
            }
        }
        return front;
    }

    private static boolean dominates(Measurement b, Measurement a) {
        double[] x = costs(b);
        double[] y = costs(a);
        boolean strictly = false;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > y[i]) {
                return false;
            }
            if (x[i] < y[i]) {
                strictly = true;
            }
        }
        return strictly;
    }

    private static double[] costs(Measurement m) {
        double energy = m.joulesPerInference().orElse(0);
        return new double[] {m.artifactBytes(), m.latencyNanos(), energy, -m.quality()};
    }
}
