package dev.compressor.examples.advise;

import com.google.gson.stream.JsonWriter;
import dev.compressor.api.advisor.Advice;
import dev.compressor.api.advisor.Measurement;
import dev.compressor.examples.fidelity.Fidelity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes an {@link Advice} for people and programs: Markdown tables (the measured Pareto front,
 * then the other candidates) with the choice and its reasons, CSV (one row per measurement) and
 * JSON. Quality is shown as top-1 accuracy, or on unlabelled data as top-1 agreement with fp32
 * (with a table of top-5 agreement and KL divergence), with its drop in percentage points. Stateless.
 */
final class AdviceReport {

    /** What the quality column holds. */
    enum Quality {
        /** Top-1 accuracy on labelled data. */
        TOP1("top-1", "top-1 accuracy on the labelled data"),
        /** Top-1 agreement with the fp32 network on unlabelled data. */
        FIDELITY("top-1 agreement", "fidelity to fp32 (the data has no labels): top-1 agreement with the "
                + "fp32 network's predictions, in [0, 1]; top-5 agreement and KL divergence of the softmax are "
                + "listed after the choice");

        private final String column;
        private final String description;

        Quality(String column, String description) {
            this.column = column;
            this.description = description;
        }

        /** The quality in words, for the report's header. */
        String describe() {
            return description;
        }
    }

    private AdviceReport() {
    }

    private static String[] columns(Quality q) {
        return new String[] {"candidate", "runtime", "bytes", "size vs fp32", "p50 ms", "J/inference", q.column,
            "drop (pts)", "score", "constraints"};
    }

    /** The Markdown report: front table, other candidates, failures, the choice and its reasons. */
    static String markdown(Advice a, Quality q) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Measured Pareto front\n\n");
        table(sb, a, a.paretoFront(), q);
        List<Measurement> rest = new ArrayList<>();
        for (Measurement m : a.measured()) {
            if (m.ok() && !a.paretoFront().contains(m)) {
                rest.add(m);
            }
        }
        if (!rest.isEmpty()) {
            sb.append("\n### Other measured candidates (dominated)\n\n");
            table(sb, a, rest, q);
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

    private static void table(StringBuilder sb, Advice a, List<Measurement> rows, Quality q) {
        String[] columns = columns(q);
        sb.append("| ").append(String.join(" | ", columns)).append(" |\n|");
        sb.append(" --- |".repeat(columns.length)).append('\n');
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

    /**
     * Fidelity to fp32 of each measured candidate, as Markdown: top-1 and top-5 agreement and the
     * mean KL divergence of the softmax from the fp32 softmax.
     */
    static String fidelityTable(Advice a, Map<String, Fidelity> fidelity) {
        StringBuilder sb = new StringBuilder("\n### Fidelity to fp32 (unlabelled data)\n\n"
                + "| candidate | top-1 agreement | top-5 agreement | KL divergence (nats) | examples |\n"
                + "| --- | --- | --- | --- | --- |\n");
        for (Measurement m : a.measured()) {
            Fidelity f = fidelity.get(m.candidate().name());
            if (m.ok() && f != null) {
                sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.3e | %d |%n", m.candidate().name(),
                        f.top1Agreement(), f.top5Agreement(), f.klDivergence(), f.positions()));
            }
        }
        return sb.toString();
    }

    /** The constraints in words, e.g. {@code "top-1 drop <= 0.50 pts; size <= 40000 B"}. */
    static String describe(dev.compressor.api.advisor.Constraints c, Quality q) {
        List<String> parts = new ArrayList<>();
        c.maxQualityDrop().ifPresent(d -> parts.add(String.format(Locale.ROOT, "%s drop <= %.2f pts", q.column,
                100 * d)));
        c.maxLatency().ifPresent(n -> parts.add(String.format(Locale.ROOT, "p50 latency <= %.3f ms", n / 1e6)));
        c.maxJoulesPerInference().ifPresent(j -> parts.add(String.format(Locale.ROOT, "energy <= %.6f J", j)));
        c.maxBytes().ifPresent(b -> parts.add(String.format(Locale.ROOT, "size <= %.0f B", b)));
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /**
     * CSV with a header: one row per measurement, failures included; with fidelity (unlabelled data)
     * the quality column is {@code top1_agreement} and two columns follow the error:
     * {@code top5_agreement} and {@code kl_divergence} (nats).
     */
    static String csv(Advice a, Map<String, Fidelity> fidelity) {
        StringBuilder sb = new StringBuilder("candidate,runtime,on_front,chosen,ok,bytes,p50_ms,joules_per_inference,"
                + (fidelity == null ? "top1" : "top1_agreement") + ",drop_points,score,violations,error"
                + (fidelity == null ? "" : ",top5_agreement,kl_divergence") + "\n");
        for (Measurement m : a.measured()) {
            boolean ok = m.ok();
            Fidelity f = fidelity == null ? null : fidelity.get(m.candidate().name());
            String extra = fidelity == null ? "" : ok && f != null ? String.format(Locale.ROOT, ",%.6f,%.8f",
                    f.top5Agreement(), f.klDivergence()) : ",,";
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
                    csvCell(m.error().orElse("")))).append(extra).append('\n');
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
    static String json(Advice a, Quality q, Map<String, Fidelity> fidelity) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.beginObject();
            w.name("quality").value(q == Quality.TOP1 ? "top-1 accuracy" : "top-1 agreement with fp32");
            w.name("objective").value(a.objective().toString());
            w.name("constraints").value(describe(a.constraints(), q));
            w.name("recommendation").value(a.recommendation().map(m -> m.candidate().name()).orElse(null));
            w.name("doNotCompress").value(a.doNotCompress());
            strings(w.name("reasons"), a.reasons());
            strings(w.name("notMeasured"), a.notMeasured());
            w.name("measurements").beginArray();
            for (Measurement m : a.measured()) {
                measurement(w, a, m, fidelity == null ? null : fidelity.get(m.candidate().name()));
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

    private static void measurement(JsonWriter w, Advice a, Measurement m, Fidelity f) throws IOException {
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
            if (f != null) {
                number(w.name("top5Agreement"), f.top5Agreement());
                number(w.name("klDivergence"), f.klDivergence());
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
