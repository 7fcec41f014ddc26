package dev.compressor.examples.advise;

import com.google.gson.stream.JsonWriter;
import dev.compressor.api.advisor.Advice;
import dev.compressor.api.advisor.Measurement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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

    /**
     * JSON (Gson, indented by two spaces): objective, constraints, every measurement, the front, the
     * choice and the reasons. A score that cannot be computed, and a NaN or infinite value, is {@code null}.
     */
    static String json(Advice a) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.beginObject();
            w.name("objective").value(a.objective().toString());
            w.name("constraints").value(describe(a.constraints()));
            w.name("recommendation").value(a.recommendation().map(m -> m.candidate().name()).orElse(null));
            w.name("doNotCompress").value(a.doNotCompress());
            strings(w.name("reasons"), a.reasons());
            strings(w.name("notMeasured"), a.notMeasured());
            w.name("measurements").beginArray();
            for (Measurement m : a.measured()) {
                measurement(w, a, m);
            }
            w.endArray();
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return out.append('\n').toString();
    }

    private static void strings(JsonWriter w, List<String> values) throws IOException {
        w.beginArray();
        for (String v : values) {
            w.value(v);
        }
        w.endArray();
    }

    private static void measurement(JsonWriter w, Advice a, Measurement m) throws IOException {
        w.beginObject();
        w.name("candidate").value(m.candidate().name());
        w.name("runtime").value(m.candidate().mode().name());
        w.name("onFront").value(a.paretoFront().contains(m));
        w.name("ok").value(m.ok());
        if (m.ok()) {
            w.name("bytes").value(m.artifactBytes());
            w.name("p50Nanos").value((long) m.latencyNanos());
            number(w.name("joulesPerInference"), m.joulesPerInference().orElse(Double.NaN));
            number(w.name("quality"), m.quality());
            String score = score(a, m);
            if (score.equals("n/a") || !Double.isFinite(Double.parseDouble(score))) {
                w.name("score").nullValue();
            } else {
                w.name("score").value(new BigDecimal(score)); // as the tables print it, 3 decimals
            }
        } else {
            w.name("error").value(m.error().orElse(""));
        }
        w.endObject();
    }

    /** A finite number as itself, NaN or infinite as {@code null}. */
    private static void number(JsonWriter w, double d) throws IOException {
        if (Double.isFinite(d)) {
            w.value(d);
        } else {
            w.nullValue();
        }
    }
}
