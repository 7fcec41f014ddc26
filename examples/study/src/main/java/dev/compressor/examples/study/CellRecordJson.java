package dev.compressor.examples.study;

import dev.compressor.examples.fidelity.Fidelity;
import static dev.compressor.examples.study.GsonFields.bool;
import static dev.compressor.examples.study.GsonFields.dbl;
import static dev.compressor.examples.study.GsonFields.lng;
import static dev.compressor.examples.study.GsonFields.obj;
import static dev.compressor.examples.study.GsonFields.optStr;
import static dev.compressor.examples.study.GsonFields.str;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import dev.compressor.api.profile.PairedComparison;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes and reads {@link CellRecord} as one JSON line through Gson's streaming writer and tree
 * model. A NaN or infinite number is written as {@code null} and read back as NaN; a missing
 * integer reads as {@code -1}. Stateless.
 */
final class CellRecordJson {

    private static final int FORMAT = 1;

    private CellRecordJson() {
    }

    static String write(CellRecord r) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginObject();
            w.name("format").value(FORMAT);
            w.name("network").value(r.key().network());
            w.name("setting").value(r.key().setting());
            w.name("tier").value(r.key().tier());
            w.name("status").value(r.failed() ? "failed" : r.applicable() ? "ok" : "not_applicable");
            w.name("error").value(r.error());
            if (!r.applicable()) {
                w.name("notApplicable").value(r.notApplicable());
            }
            w.name("settingDescription").value(r.settingDescription());
            w.name("parameterCount").value(r.parameterCount());
            w.name("referenceBytes").value(r.referenceBytes());
            Map<String, Long> bytes = new TreeMap<>(r.artifactBytes());
            w.name("artifactBytes").beginObject();
            for (Map.Entry<String, Long> e : bytes.entrySet()) {
                w.name(e.getKey()).value(e.getValue());
            }
            w.endObject();
            w.name("ratioToReference").beginObject();
            for (String k : bytes.keySet()) {
                number(w.name(k), r.ratio(k));
            }
            w.endObject();
            w.name("compressionNanos").value(r.compressionNanos());
            w.name("loadNanos").value(r.loadNanos());
            w.name("residentBytes").value(r.residentBytes());
            w.name("offHeapBytes").value(r.offHeapBytes());
            w.name("weightBytes").value(r.weightBytes());
            latency(w.name("latency"), r.latency());
            latency(w.name("largeBatchLatency"), r.largeBatchLatency());
            energy(w.name("energy"), r.energy());
            fidelity(w.name("fidelity"), r.fidelity());
            w.name("provenance").beginObject();
            for (Map.Entry<String, String> e : new TreeMap<>(r.provenance()).entrySet()) {
                w.name(e.getKey()).value(e.getValue());
            }
            w.endObject();
            if (r.accuracy() != null) {
                accuracy(w.name("accuracy"), r.accuracy());
            }
            if (r.translation() != null) {
                translation(w.name("translation"), r.translation());
            }
            if (r.paired() != null) {
                paired(w.name("paired"), r.paired());
            }
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return out.toString();
    }

    /** A finite number as itself ({@link Double#toString(double)}), NaN or infinite as {@code null}. */
    private static void number(JsonWriter w, double d) throws IOException {
        if (Double.isFinite(d)) {
            w.value(d);
        } else {
            w.nullValue();
        }
    }

    private static void latency(JsonWriter w, CellRecord.Latency l) throws IOException {
        if (l == null) {
            w.nullValue();
            return;
        }
        w.beginObject();
        w.name("batchSize").value(l.batchSize());
        w.name("count").value(l.count());
        w.name("p50Nanos").value(l.p50Nanos());
        w.name("p90Nanos").value(l.p90Nanos());
        w.name("p99Nanos").value(l.p99Nanos());
        number(w.name("inferencesPerSecond"), l.inferencesPerSecond());
        w.endObject();
    }

    private static void energy(JsonWriter w, CellRecord.Energy e) throws IOException {
        if (e == null) {
            w.nullValue();
            return;
        }
        w.beginObject();
        w.name("meter").value(e.meter());
        w.name("estimated").value(e.estimated());
        number(w.name("joulesPerInference"), e.joulesPerInference());
        number(w.name("averageWatts"), e.averageWatts());
        w.endObject();
    }

    private static void fidelity(JsonWriter w, Fidelity f) throws IOException {
        if (f == null) {
            w.nullValue();
            return;
        }
        w.beginObject();
        number(w.name("maxAbsDiff"), f.maxAbsDiff());
        number(w.name("relativeL2"), f.relativeL2());
        number(w.name("top1Agreement"), f.top1Agreement());
        number(w.name("top5Agreement"), f.top5Agreement());
        number(w.name("klDivergence"), f.klDivergence());
        w.name("positions").value(f.positions());
        w.endObject();
    }

    private static void accuracy(JsonWriter w, CellRecord.Accuracy a) throws IOException {
        w.beginObject();
        number(w.name("top1"), a.top1());
        number(w.name("top5"), a.top5());
        number(w.name("fp32Top1"), a.fp32Top1());
        number(w.name("fp32Top5"), a.fp32Top5());
        number(w.name("top1DeltaPoints"), a.top1DeltaPoints());
        w.name("testExamples").value(a.testExamples());
        w.name("dataSource").value(a.dataSource());
        w.endObject();
    }

    private static void translation(JsonWriter w, CellRecord.Translation t) throws IOException {
        w.beginObject();
        number(w.name("bleu"), t.bleu());
        number(w.name("fp32Bleu"), t.fp32Bleu());
        number(w.name("copyBaselineBleu"), t.copyBaselineBleu());
        number(w.name("bleuDeltaPoints"), t.bleuDeltaPoints());
        w.name("testPairs").value(t.testPairs());
        w.name("dataSource").value(t.dataSource());
        w.name("detail").value(t.detail());
        w.endObject();
    }

    private static void paired(JsonWriter w, CellRecord.Paired p) throws IOException {
        w.beginObject();
        w.name("rounds").value(p.rounds());
        w.name("warmupRounds").value(p.warmupRounds());
        w.name("warmupSettled").value(p.warmupSettled());
        w.name("control").value(p.control());
        w.name("fp32P50Nanos").value(p.fp32P50Nanos());
        comparison(w.name("latencyVsFp32"), p.latencyVsFp32());
        comparison(w.name("latencyVsTwin"), p.latencyVsTwin());
        comparison(w.name("energyVsFp32"), p.energyVsFp32());
        w.name("energyEstimated").value(p.energyEstimated());
        number(w.name("idleWatts"), p.idleWatts());
        number(w.name("samplesPerSecond"), p.samplesPerSecond());
        w.endObject();
    }

    private static void comparison(JsonWriter w, PairedComparison c) throws IOException {
        if (c == null) {
            w.nullValue();
            return;
        }
        w.beginObject();
        w.name("rounds").value(c.rounds());
        number(w.name("ratio"), c.ratio());
        number(w.name("lower"), c.lower());
        number(w.name("upper"), c.upper());
        number(w.name("margin"), c.margin());
        w.name("verdict").value(c.verdict().name());
        w.endObject();
    }

    static CellRecord read(String line) {
        JsonObject m = GsonFields.parseObject(line, "a cell record");
        CellKey key = new CellKey(str(m, "network"), str(m, "setting"), str(m, "tier"));
        Map<String, Long> bytes = new LinkedHashMap<>();
        JsonObject b = obj(m, "artifactBytes");
        if (b != null) {
            b.entrySet().forEach(e -> bytes.put(e.getKey(), e.getValue().getAsLong()));
        }
        Map<String, String> prov = new LinkedHashMap<>();
        JsonObject p = obj(m, "provenance");
        if (p != null) {
            p.entrySet().forEach(e -> prov.put(e.getKey(), GsonFields.text(e.getValue())));
        }
        JsonObject e = obj(m, "energy");
        JsonObject f = obj(m, "fidelity");
        JsonObject a = obj(m, "accuracy");
        JsonObject t = obj(m, "translation");
        return new CellRecord(key, optStr(m, "error"), optStr(m, "settingDescription"),
                lng(m, "parameterCount"), lng(m, "referenceBytes"), bytes, lng(m, "compressionNanos"),
                lng(m, "loadNanos"), lng(m, "residentBytes"), lng(m, "offHeapBytes"), lng(m, "weightBytes"),
                latency(obj(m, "latency")), latency(obj(m, "largeBatchLatency")),
                e == null ? null : new CellRecord.Energy(optStr(e, "meter"), bool(e, "estimated"),
                        dbl(e, "joulesPerInference"), dbl(e, "averageWatts")),
                f == null ? null : new Fidelity(dbl(f, "maxAbsDiff"), dbl(f, "relativeL2"), dbl(f, "top1Agreement"),
                        dbl(f, "top5Agreement"), dbl(f, "klDivergence"), lng(f, "positions")),
                prov, a == null ? null : new CellRecord.Accuracy(dbl(a, "top1"), dbl(a, "top5"), dbl(a, "fp32Top1"),
                        dbl(a, "fp32Top5"), (int) lng(a, "testExamples"), str(a, "dataSource")),
                t == null ? null : new CellRecord.Translation(dbl(t, "bleu"), dbl(t, "fp32Bleu"),
                        dbl(t, "copyBaselineBleu"), (int) lng(t, "testPairs"), str(t, "dataSource"), str(t, "detail")),
                paired(obj(m, "paired")), optStr(m, "notApplicable"));
    }

    private static CellRecord.Latency latency(JsonObject l) {
        return l == null ? null : new CellRecord.Latency((int) lng(l, "batchSize"), lng(l, "count"),
                lng(l, "p50Nanos"), lng(l, "p90Nanos"), lng(l, "p99Nanos"), dbl(l, "inferencesPerSecond"));
    }

    private static CellRecord.Paired paired(JsonObject p) {
        return p == null ? null : new CellRecord.Paired((int) lng(p, "rounds"), (int) lng(p, "warmupRounds"),
                bool(p, "warmupSettled"), bool(p, "control"), lng(p, "fp32P50Nanos"),
                comparison(obj(p, "latencyVsFp32")), comparison(obj(p, "latencyVsTwin")),
                comparison(obj(p, "energyVsFp32")), bool(p, "energyEstimated"), dbl(p, "idleWatts"),
                dbl(p, "samplesPerSecond"));
    }

    private static PairedComparison comparison(JsonObject c) {
        return c == null ? null : new PairedComparison((int) lng(c, "rounds"), dbl(c, "ratio"), dbl(c, "lower"),
                dbl(c, "upper"), dbl(c, "margin"), PairedComparison.Verdict.valueOf(str(c, "verdict")));
    }
}
