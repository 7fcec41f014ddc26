package dev.compressor.examples.study;

import dev.compressor.api.profile.PairedComparison;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Writes and reads {@link CellRecord} as one JSON line. Stateless. */
final class CellRecordJson {

    private static final int FORMAT = 1;

    private CellRecordJson() {
    }

    static String write(CellRecord r) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        j.add("\"format\":" + FORMAT);
        j.add("\"network\":" + Json.quote(r.key().network()));
        j.add("\"setting\":" + Json.quote(r.key().setting()));
        j.add("\"tier\":" + Json.quote(r.key().tier()));
        j.add("\"status\":" + Json.quote(r.failed() ? "failed" : r.applicable() ? "ok" : "not_applicable"));
        j.add("\"error\":" + Json.quote(r.error()));
        if (!r.applicable()) {
            j.add("\"notApplicable\":" + Json.quote(r.notApplicable()));
        }
        j.add("\"settingDescription\":" + Json.quote(r.settingDescription()));
        j.add("\"parameterCount\":" + r.parameterCount());
        j.add("\"referenceBytes\":" + r.referenceBytes());
        StringJoiner bytes = new StringJoiner(",", "{", "}");
        StringJoiner ratios = new StringJoiner(",", "{", "}");
        new java.util.TreeMap<>(r.artifactBytes()).forEach((k, v) -> {
            bytes.add(Json.quote(k) + ":" + v);
            ratios.add(Json.quote(k) + ":" + Json.number(r.ratio(k)));
        });
        j.add("\"artifactBytes\":" + bytes);
        j.add("\"ratioToReference\":" + ratios);
        j.add("\"compressionNanos\":" + r.compressionNanos());
        j.add("\"loadNanos\":" + r.loadNanos());
        j.add("\"residentBytes\":" + r.residentBytes());
        j.add("\"offHeapBytes\":" + r.offHeapBytes());
        j.add("\"weightBytes\":" + r.weightBytes());
        j.add("\"latency\":" + latency(r.latency()));
        j.add("\"largeBatchLatency\":" + latency(r.largeBatchLatency()));
        CellRecord.Energy e = r.energy();
        j.add("\"energy\":" + (e == null ? "null" : "{\"meter\":" + Json.quote(e.meter()) + ",\"estimated\":"
                + e.estimated() + ",\"joulesPerInference\":" + Json.number(e.joulesPerInference())
                + ",\"averageWatts\":" + Json.number(e.averageWatts()) + "}"));
        Fidelity f = r.fidelity();
        j.add("\"fidelity\":" + (f == null ? "null" : "{\"maxAbsDiff\":" + Json.number(f.maxAbsDiff())
                + ",\"relativeL2\":" + Json.number(f.relativeL2()) + ",\"top1Agreement\":"
                + Json.number(f.top1Agreement()) + ",\"top5Agreement\":" + Json.number(f.top5Agreement())
                + ",\"klDivergence\":" + Json.number(f.klDivergence()) + ",\"positions\":" + f.positions() + "}"));
        StringJoiner prov = new StringJoiner(",", "{", "}");
        new java.util.TreeMap<>(r.provenance()).forEach((k, v) -> prov.add(Json.quote(k) + ":" + Json.quote(v)));
        j.add("\"provenance\":" + prov);
        CellRecord.Accuracy a = r.accuracy();
        if (a != null) {
            j.add("\"accuracy\":{\"top1\":" + Json.number(a.top1()) + ",\"top5\":" + Json.number(a.top5())
                    + ",\"fp32Top1\":" + Json.number(a.fp32Top1()) + ",\"fp32Top5\":" + Json.number(a.fp32Top5())
                    + ",\"top1DeltaPoints\":" + Json.number(a.top1DeltaPoints())
                    + ",\"testExamples\":" + a.testExamples() + ",\"dataSource\":" + Json.quote(a.dataSource()) + "}");
        }
        CellRecord.Translation t = r.translation();
        if (t != null) {
            j.add("\"translation\":{\"bleu\":" + Json.number(t.bleu()) + ",\"fp32Bleu\":" + Json.number(t.fp32Bleu())
                    + ",\"copyBaselineBleu\":" + Json.number(t.copyBaselineBleu())
                    + ",\"bleuDeltaPoints\":" + Json.number(t.bleuDeltaPoints()) + ",\"testPairs\":" + t.testPairs()
                    + ",\"dataSource\":" + Json.quote(t.dataSource()) + ",\"detail\":" + Json.quote(t.detail()) + "}");
        }
        CellRecord.Paired pd = r.paired();
        if (pd != null) {
            j.add("\"paired\":{\"rounds\":" + pd.rounds() + ",\"warmupRounds\":" + pd.warmupRounds()
                    + ",\"warmupSettled\":" + pd.warmupSettled() + ",\"control\":" + pd.control()
                    + ",\"fp32P50Nanos\":" + pd.fp32P50Nanos() + ",\"latencyVsFp32\":" + comparison(pd.latencyVsFp32())
                    + ",\"latencyVsTwin\":" + comparison(pd.latencyVsTwin()) + ",\"energyVsFp32\":"
                    + comparison(pd.energyVsFp32()) + ",\"energyEstimated\":" + pd.energyEstimated()
                    + ",\"idleWatts\":" + Json.number(pd.idleWatts()) + ",\"samplesPerSecond\":"
                    + Json.number(pd.samplesPerSecond()) + "}");
        }
        return j.toString();
    }

    private static String comparison(PairedComparison c) {
        return c == null ? "null" : "{\"rounds\":" + c.rounds() + ",\"ratio\":" + Json.number(c.ratio())
                + ",\"lower\":" + Json.number(c.lower()) + ",\"upper\":" + Json.number(c.upper())
                + ",\"margin\":" + Json.number(c.margin()) + ",\"verdict\":" + Json.quote(c.verdict().name()) + "}";
    }

    @SuppressWarnings("unchecked")
    private static PairedComparison comparison(Object o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> c = (Map<String, Object>) o;
        return new PairedComparison((int) lng(c, "rounds"), dbl(c, "ratio"), dbl(c, "lower"), dbl(c, "upper"),
                dbl(c, "margin"), PairedComparison.Verdict.valueOf(str(c, "verdict")));
    }

    @SuppressWarnings("unchecked")
    private static CellRecord.Paired paired(Object o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> p = (Map<String, Object>) o;
        return new CellRecord.Paired((int) lng(p, "rounds"), (int) lng(p, "warmupRounds"),
                Boolean.TRUE.equals(p.get("warmupSettled")), Boolean.TRUE.equals(p.get("control")),
                lng(p, "fp32P50Nanos"), comparison(p.get("latencyVsFp32")), comparison(p.get("latencyVsTwin")),
                comparison(p.get("energyVsFp32")), Boolean.TRUE.equals(p.get("energyEstimated")), dbl(p, "idleWatts"),
                dbl(p, "samplesPerSecond"));
    }

    private static String latency(CellRecord.Latency l) {
        return l == null ? "null" : "{\"batchSize\":" + l.batchSize() + ",\"count\":" + l.count()
                + ",\"p50Nanos\":" + l.p50Nanos() + ",\"p90Nanos\":" + l.p90Nanos() + ",\"p99Nanos\":" + l.p99Nanos()
                + ",\"inferencesPerSecond\":" + Json.number(l.inferencesPerSecond()) + "}";
    }

    @SuppressWarnings("unchecked")
    private static CellRecord.Latency latency(Object o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> l = (Map<String, Object>) o;
        return new CellRecord.Latency((int) lng(l, "batchSize"), lng(l, "count"), lng(l, "p50Nanos"),
                lng(l, "p90Nanos"), lng(l, "p99Nanos"), dbl(l, "inferencesPerSecond"));
    }

    @SuppressWarnings("unchecked")
    static CellRecord read(String line) {
        Object parsed = Json.parse(line);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("a cell record is a JSON object, got: " + abbreviate(line));
        }
        Map<String, Object> m = (Map<String, Object>) parsed;
        CellKey key = new CellKey(str(m, "network"), str(m, "setting"), str(m, "tier"));
        Map<String, Long> bytes = new LinkedHashMap<>();
        Map<String, Object> b = (Map<String, Object>) m.getOrDefault("artifactBytes", Map.of());
        b.forEach((k, v) -> bytes.put(k, ((Number) v).longValue()));
        Map<String, String> prov = new LinkedHashMap<>();
        Map<String, Object> p = (Map<String, Object>) m.getOrDefault("provenance", Map.of());
        p.forEach((k, v) -> prov.put(k, String.valueOf(v)));
        Map<String, Object> e = (Map<String, Object>) m.get("energy");
        Map<String, Object> f = (Map<String, Object>) m.get("fidelity");
        Map<String, Object> a = (Map<String, Object>) m.get("accuracy");
        Map<String, Object> t = (Map<String, Object>) m.get("translation");
        return new CellRecord(key, (String) m.get("error"), (String) m.get("settingDescription"),
                lng(m, "parameterCount"), lng(m, "referenceBytes"), bytes, lng(m, "compressionNanos"),
                lng(m, "loadNanos"), lng(m, "residentBytes"), lng(m, "offHeapBytes"), lng(m, "weightBytes"),
                latency(m.get("latency")), latency(m.get("largeBatchLatency")),
                e == null ? null : new CellRecord.Energy((String) e.get("meter"), Boolean.TRUE.equals(e.get("estimated")),
                        dbl(e, "joulesPerInference"), dbl(e, "averageWatts")),
                f == null ? null : new Fidelity(dbl(f, "maxAbsDiff"), dbl(f, "relativeL2"), dbl(f, "top1Agreement"),
                        dbl(f, "top5Agreement"), dbl(f, "klDivergence"), lng(f, "positions")),
                prov, a == null ? null : new CellRecord.Accuracy(dbl(a, "top1"), dbl(a, "top5"), dbl(a, "fp32Top1"),
                        dbl(a, "fp32Top5"), (int) lng(a, "testExamples"), str(a, "dataSource")),
                t == null ? null : new CellRecord.Translation(dbl(t, "bleu"), dbl(t, "fp32Bleu"),
                        dbl(t, "copyBaselineBleu"), (int) lng(t, "testPairs"), str(t, "dataSource"), str(t, "detail")),
                paired(m.get("paired")), (String) m.get("notApplicable"));
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("field '" + k + "' missing or not a string: " + v);
        }
        return (String) v;
    }

    private static long lng(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Number ? ((Number) v).longValue() : -1;
    }

    private static double dbl(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
