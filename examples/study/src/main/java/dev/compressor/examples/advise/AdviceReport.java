package dev.compressor.examples.advise;

import dev.compressor.api.advisor.Advice;
import dev.compressor.api.advisor.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Writes an {@link Advice} for people and programs: Markdown tables (the measured Pareto front,
 * then the other candidates) with the choice and its reasons, CSV (one row per measurement) and
 * JSON. Quality is shown as top-1 accuracy with its drop in percentage points. Stateless.
 */
final class AdviceReport {

    private static final String[] COLUMNS = {"candidate", "runtime", "bytes", "size vs fp32", "p50 ms",
        "J/inference", "top-1", "drop (pts)", "score", "constraints"};

    private AdviceReport() {
    }

    /** The Markdown report: front table, other candidates, failures, the choice and its reasons. */
    static String markdown(Advice a) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Measured Pareto front\n\n");
        table(sb, a, a.paretoFront());
        List<Measurement> rest = new ArrayList<>();
        for (Measurement m : a.measured()) {
            if (m.ok() && !a.paretoFront().contains(m)) {
                rest.add(m);
            }
        }
        if (!rest.isEmpty()) {
            sb.append("\n### Other measured candidates (dominated)\n\n");
            table(sb, a, rest);
        }
        boolean listed = false;
        for (Measurement m : a.measured()) {
            if (!m.ok()) {
                listed = true;
                sb.append("\n- ").append(m.candidate().name()).append(": failed: ").append(m.error().orElse(""));
            }
        }
        for (String n : a.notMeasured()) {
            listed = true;
            sb.append("\n- ").append(n).append(": not measured (time budget)");
        }
        sb.append(listed ? "\n\n" : "\n").append("### Choice: ").append(a.recommendation().map(m -> m.candidate().name())
                .orElse("do not compress")).append("\n\n");
        a.reasons().forEach(r -> sb.append("- ").append(r).append('\n'));
        return sb.toString();
    }

    private static void table(StringBuilder sb, Advice a, List<Measurement> rows) {
        sb.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n|");
        sb.append(" --- |".repeat(COLUMNS.length)).append('\n');
        for (Measurement m : rows) {
            sb.append("| ").append(String.join(" | ", cells(a, m))).append(" |\n");
        }
    }

    private static List<String> cells(Advice a, Measurement m) {
        Measurement base = a.baseline();
        List<String> v = a.constraints().violations(m, base);
        String name = m.candidate().name() + (a.recommendation().filter(r -> r == m).isPresent() ? " **(chosen)**" : "");
        return List.of(name, m.candidate().mode().name().toLowerCase(Locale.ROOT),
                String.format(Locale.ROOT, "%,d", m.artifactBytes()),
                String.format(Locale.ROOT, "%.3f", (double) m.artifactBytes() / base.artifactBytes()),
                String.format(Locale.ROOT, "%.3f", m.latencyNanos() / 1e6), joules(m.joulesPerInference()),
                String.format(Locale.ROOT, "%.4f", m.quality()),
                String.format(Locale.ROOT, "%+.2f", 100 * (m.quality() - base.quality())), score(a, m),
                v.isEmpty() ? "met" : String.join("; ", v));
    }

    private static String joules(OptionalDouble j) {
        return j.isPresent() ? String.format(Locale.ROOT, "%.6f", j.getAsDouble()) : "n/a";
    }

    private static String score(Advice a, Measurement m) {
        try {
            return String.format(Locale.ROOT, "%.3f", a.objective().score(m, a.baseline()));
        } catch (IllegalStateException e) {
            return "n/a";
        }
    }

    /** The constraints in words, e.g. {@code "top-1 drop <= 0.50 pts; size <= 40000 B"}. */
    static String describe(dev.compressor.api.advisor.Constraints c) {
        List<String> parts = new ArrayList<>();
        c.maxQualityDrop().ifPresent(d -> parts.add(String.format(Locale.ROOT, "top-1 drop <= %.2f pts", 100 * d)));
        c.maxLatency().ifPresent(n -> parts.add(String.format(Locale.ROOT, "p50 latency <= %.3f ms", n / 1e6)));
        c.maxJoulesPerInference().ifPresent(j -> parts.add(String.format(Locale.ROOT, "energy <= %.6f J", j)));
        c.maxBytes().ifPresent(b -> parts.add(String.format(Locale.ROOT, "size <= %.0f B", b)));
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /** CSV with a header: one row per measurement, failures included. */
    static String csv(Advice a) {
        StringBuilder sb = new StringBuilder("candidate,runtime,on_front,chosen,ok,bytes,p50_ms,joules_per_inference,"
                + "top1,drop_points,score,violations,error\n");
        for (Measurement m : a.measured()) {
            boolean ok = m.ok();
            sb.append(String.join(",", csvCell(m.candidate().name()), m.candidate().mode().name(),
                    Boolean.toString(a.paretoFront().contains(m)),
                    Boolean.toString(a.recommendation().filter(r -> r == m).isPresent()), Boolean.toString(ok),
                    ok ? Long.toString(m.artifactBytes()) : "",
                    ok ? String.format(Locale.ROOT, "%.4f", m.latencyNanos() / 1e6) : "",
                    ok && m.joulesPerInference().isPresent()
                            ? String.format(Locale.ROOT, "%.8f", m.joulesPerInference().getAsDouble()) : "",
                    ok ? String.format(Locale.ROOT, "%.6f", m.quality()) : "",
                    ok ? String.format(Locale.ROOT, "%.4f", 100 * (a.baseline().quality() - m.quality())) : "",
                    ok ? score(a, m) : "",
                    ok ? csvCell(String.join("; ", a.constraints().violations(m, a.baseline()))) : "",
                    csvCell(m.error().orElse("")))).append('\n');
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** JSON: objective, constraints, every measurement, the front, the choice and the reasons. */
    static String json(Advice a) {
        StringBuilder sb = new StringBuilder("{\n  \"objective\": ").append(str(a.objective().toString()))
                .append(",\n  \"constraints\": ").append(str(describe(a.constraints())))
                .append(",\n  \"recommendation\": ")
                .append(a.recommendation().map(m -> str(m.candidate().name())).orElse("null"))
                .append(",\n  \"doNotCompress\": ").append(a.doNotCompress())
                .append(",\n  \"reasons\": [");
        for (int i = 0; i < a.reasons().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(a.reasons().get(i)));
        }
        sb.append("],\n  \"notMeasured\": [");
        for (int i = 0; i < a.notMeasured().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(a.notMeasured().get(i)));
        }
        sb.append("],\n  \"measurements\": [\n");
        for (int i = 0; i < a.measured().size(); i++) {
            Measurement m = a.measured().get(i);
            sb.append("    {\"candidate\": ").append(str(m.candidate().name()))
                    .append(", \"runtime\": ").append(str(m.candidate().mode().name()))
                    .append(", \"onFront\": ").append(a.paretoFront().contains(m))
                    .append(", \"ok\": ").append(m.ok());
            if (m.ok()) {
                sb.append(", \"bytes\": ").append(m.artifactBytes())
                        .append(", \"p50Nanos\": ").append((long) m.latencyNanos())
                        .append(", \"joulesPerInference\": ").append(m.joulesPerInference().isPresent()
                                ? Double.toString(m.joulesPerInference().getAsDouble()) : "null")
                        .append(", \"quality\": ").append(m.quality())
                        .append(", \"score\": ").append(score(a, m).equals("n/a") ? "null" : score(a, m));
            } else {
                sb.append(", \"error\": ").append(str(m.error().orElse("")));
            }
            sb.append('}').append(i + 1 < a.measured().size() ? "," : "").append('\n');
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
