package dev.compressor.examples.study;

import dev.compressor.examples.fidelity.Fidelity;
import dev.compressor.api.profile.PairedComparison;
import dev.compressor.examples.settings.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns cell records into {@code report.md} (a table of every cell, pivot tables network x setting for
 * compression ratio, latency, energy and fidelity, the failed cells, the provenance and the
 * {@link StudyCharts charts} under {@code charts/}) and {@code cells.csv} (one row per cell, every
 * measured field). Stateless.
 */
public final class StudyReport {

    /** Name of the Markdown file written. */
    public static final String MARKDOWN = "report.md";
    /** Name of the CSV file written. */
    public static final String CSV = "cells.csv";

    private static final String[] CSV_HEADER = {"network", "setting", "tier", "status", "error",
        "setting_description", "parameters", "reference_bytes", "bytes_none", "bytes_gzip", "bytes_zstd",
        "bytes_xz", "ratio_none", "ratio_gzip", "ratio_zstd", "ratio_xz", "compression_s", "load_s",
        "resident_bytes", "offheap_bytes", "weight_bytes",
        "batch", "measured", "p50_ms", "p90_ms", "p99_ms", "inferences_per_s", "joules_per_inference",
        "average_watts", "estimated_joules_per_inference", "estimated_average_watts", "meter", "meter_estimated",
        "max_abs_diff", "relative_l2", "top1_agreement",
        "large_batch", "large_p50_ms", "large_p90_ms", "large_p99_ms", "large_samples_per_s",
        "library_version", "jvm", "os", "arch", "backend", "top1", "top5", "fp32_top1", "top1_delta_points",
        "test_examples", "data_source", "weights_date", "weights_commit", "bleu", "fp32_bleu", "copy_baseline_bleu",
        "not_applicable", "paired_rounds", "control", "latency_ratio", "latency_ratio_lower", "latency_ratio_upper",
        "latency_verdict", "twin_ratio", "twin_ratio_lower", "twin_ratio_upper", "twin_verdict", "energy_ratio",
        "energy_ratio_lower", "energy_ratio_upper", "energy_verdict", "energy_estimated"};

    private StudyReport() {
    }

    /**
     * Writes the Markdown report, the CSV and the PNG charts into a folder (created if missing),
     * overwriting them.
     *
     * @param records the cells, in the order they should appear
     * @param outDir the folder
     * @return the Markdown file
     * @throws IOException if writing fails
     */
    public static Path write(List<CellRecord> records, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve(CSV), csv(records), StandardCharsets.UTF_8);
        Path md = outDir.resolve(MARKDOWN);
        List<Path> charts = new ArrayList<>();
        if (!fullTier(records).isEmpty() || smallTier(records).isEmpty()) {
            charts.addAll(StudyCharts.write(fullTier(records), outDir.resolve("charts")));
        }
        charts.addAll(StudyCharts.writeAccuracy(smallTier(records), outDir.resolve("charts")));
        charts.addAll(StudyCharts.writeBleu(smallTier(records), outDir.resolve("charts")));
        StringBuilder text = new StringBuilder(markdown(records)).append("\n## Charts\n\n");
        for (Path c : charts) {
            String rel = outDir.relativize(c).toString().replace('\\', '/');
            text.append("![").append(c.getFileName()).append("](").append(rel).append(")\n");
        }
        Files.writeString(md, text, StandardCharsets.UTF_8);
        return md;
    }

    /**
     * The CSV text: a header line, then one line per record; empty fields for unknown values. Cells of
     * the translation model fill {@code test_examples} (test pairs), {@code data_source} and the BLEU columns.
     *
     * @param records the cells
     * @return the CSV
     */
    public static String csv(List<CellRecord> records) {
        StringBuilder b = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
        for (CellRecord r : records) {
            CellRecord.Latency l = r.latency();
            CellRecord.Latency lb = r.largeBatchLatency();
            CellRecord.Energy e = r.energy();
            Fidelity f = r.fidelity();
            CellRecord.Accuracy a = r.accuracy();
            CellRecord.Translation t = r.translation();
            String testExamples = a != null ? Integer.toString(a.testExamples())
                    : t != null ? Integer.toString(t.testPairs()) : "";
            String dataSource = a != null ? text(a.dataSource()) : t != null ? text(t.dataSource()) : "";
            List<String> row = List.of(r.key().network(), r.key().setting(), r.key().tier(),
                    r.failed() ? "failed" : r.applicable() ? "ok" : "not_applicable",
                    text(r.error()), text(r.settingDescription()), num(r.parameterCount()), num(r.referenceBytes()),
                    bytes(r, "NONE"), bytes(r, "GZIP"), bytes(r, "ZSTD"), bytes(r, "XZ"), dbl(r.ratio("NONE")),
                    dbl(r.ratio("GZIP")), dbl(r.ratio("ZSTD")), dbl(r.ratio("XZ")), secs(r.compressionNanos()), secs(r.loadNanos()), num(r.residentBytes()),
                    num(r.offHeapBytes()), num(r.weightBytes()), l == null ? "" : Integer.toString(l.batchSize()),
                    l == null ? "" : Long.toString(l.count()), l == null ? "" : ms(l.p50Nanos()),
                    l == null ? "" : ms(l.p90Nanos()), l == null ? "" : ms(l.p99Nanos()),
                    l == null ? "" : dbl(l.inferencesPerSecond()),
                    e == null || e.estimated() ? "" : dbl(e.joulesPerInference()),
                    e == null || e.estimated() ? "" : dbl(e.averageWatts()),
                    e == null || !e.estimated() ? "" : dbl(e.joulesPerInference()),
                    e == null || !e.estimated() ? "" : dbl(e.averageWatts()), e == null ? "" : text(e.meter()),
                    e == null ? "" : Boolean.toString(e.estimated()), f == null ? "" : dbl(f.maxAbsDiff()),
                    f == null ? "" : dbl(f.relativeL2()), f == null ? "" : dbl(f.top1Agreement()),
                    lb == null ? "" : Integer.toString(lb.batchSize()), lb == null ? "" : ms(lb.p50Nanos()),
                    lb == null ? "" : ms(lb.p90Nanos()), lb == null ? "" : ms(lb.p99Nanos()),
                    lb == null ? "" : dbl(lb.inferencesPerSecond() * lb.batchSize()),
                    text(r.provenance().get("library.version")), text(r.provenance().get("jvm")),
                    text(r.provenance().get("os")), text(r.provenance().get("arch")),
                    text(r.provenance().get("nd4j.backend")), a == null ? "" : dbl(a.top1()),
                    a == null ? "" : dbl(a.top5()), a == null ? "" : dbl(a.fp32Top1()),
                    a == null ? "" : dbl(a.top1DeltaPoints()), testExamples, dataSource,
                    text(r.provenance().get("weights.date")), text(r.provenance().get("weights.commit")),
                    t == null ? "" : dbl(t.bleu()), t == null ? "" : dbl(t.fp32Bleu()),
                    t == null ? "" : dbl(t.copyBaselineBleu()));
            List<String> paired = new ArrayList<>(List.of(text(r.notApplicable())));
            CellRecord.Paired pd = r.paired();
            paired.add(pd == null ? "" : Integer.toString(pd.rounds()));
            paired.add(pd == null ? "" : Boolean.toString(pd.control()));
            for (PairedComparison c : pd == null ? java.util.Arrays.<PairedComparison>asList(null, null, null)
                    : java.util.Arrays.asList(pd.latencyVsFp32(), pd.latencyVsTwin(), pd.energyVsFp32())) {
                paired.addAll(c == null ? List.of("", "", "", "") : List.of(dbl(c.ratio()), dbl(c.lower()),
                        dbl(c.upper()), c.verdict().name().toLowerCase(Locale.ROOT)));
            }
            paired.add(pd == null ? "" : Boolean.toString(pd.energyEstimated()));
            row = new ArrayList<>(row);
            row.addAll(paired);
            List<String> quoted = new ArrayList<>();
            row.forEach(v -> quoted.add(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v));
            b.append(String.join(",", quoted)).append('\n');
        }
        return b.toString();
    }

    /**
     * The Markdown report.
     *
     * @param records the cells
     * @return the Markdown text
     */
    public static String markdown(List<CellRecord> records) {
        List<CellRecord> small = smallTier(records);
        List<CellRecord> nmt = small.stream().filter(r -> r.key().network().equals(NmtSubject.ID)).toList();
        List<CellRecord> images = small.stream().filter(r -> !r.key().network().equals(NmtSubject.ID)).toList();
        String text = markdownFull(records, fullTier(records), small.size(), !images.isEmpty(), !nmt.isEmpty());
        if (small.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text);
        if (!images.isEmpty()) {
            // not measured = no small-tier cell in these results (e.g. no trained weights when they ran),
            // whatever weights the JVM writing the report happens to have on its classpath
            Set<String> measured = new HashSet<>();
            small.forEach(r -> measured.add(r.key().network()));
            List<String> notMeasured = SmallTierPlan.allSubjects().stream().filter(id -> !measured.contains(id)).toList();
            SmallTierSection.append(b, images, notMeasured);
        }
        if (!nmt.isEmpty()) {
            TranslationSection.append(b, nmt);
        }
        return b.toString();
    }

    /** The records of the full tier (every tier but {@code small}). */
    static List<CellRecord> fullTier(List<CellRecord> records) {
        return records.stream().filter(r -> !r.key().tier().equals(CellRecord.SMALL_TIER)).toList();
    }

    /** The records of the small tier. */
    static List<CellRecord> smallTier(List<CellRecord> records) {
        return records.stream().filter(r -> r.key().tier().equals(CellRecord.SMALL_TIER)).toList();
    }

    private static String markdownFull(List<CellRecord> all, List<CellRecord> records, int smallCount,
                                       boolean imageSection, boolean translationSection) {
        StringBuilder b = new StringBuilder("# Compression study results\n\n");
        long ok = records.stream().filter(CellRecord::ok).count();
        if (smallCount > 0) {
            List<String> sections = new ArrayList<>();
            if (imageSection) {
                sections.add("\"Accuracy on real data (small tier)\"");
            }
            if (translationSection) {
                sections.add("\"" + TranslationSection.TITLE + "\"");
            }
            b.append(String.format(Locale.ROOT, "Small tier (trained networks, accuracy on real data): %d cells, in "
                    + "%s below.%s", smallCount, String.join(" and ", sections), records.isEmpty() ? "\n\n"
                    : " Full tier: "));
        }
        if (!records.isEmpty() || smallCount == 0) {
            fullBody(b, records, ok, smallTier(all));
        } else {
            b.append("No full-tier cell in these results.\n");
        }
        if (all.stream().anyMatch(r -> !r.applicable())) {
            b.append("\n## Settings that do not apply\n\n| network | setting | why |\n| --- | --- | --- |\n");
            for (CellRecord r : all) {
                if (!r.applicable()) {
                    b.append("| ").append(r.key().network())
                            .append(r.key().tier().equals(CellKey.FULL) ? "" : " (" + r.key().tier() + " tier)")
                            .append(" | ").append(r.key().setting()).append(" | ")
                            .append(r.notApplicable().replace("|", "\\|")).append(" |\n");
                }
            }
        }
        if (all.stream().anyMatch(CellRecord::failed)) {
            b.append("\n## Failed cells\n\n| network | setting | error |\n| --- | --- | --- |\n");
            for (CellRecord r : all) {
                if (r.failed()) {
                    b.append("| ").append(r.key().network())
                            .append(r.key().tier().equals(CellKey.FULL) ? "" : " (" + r.key().tier() + " tier)")
                            .append(" | ").append(r.key().setting()).append(" | ")
                            .append(r.error().replace("|", "\\|")).append(" |\n");
                }
            }
        }
        all.stream().filter(CellRecord::ok).findFirst().ifPresent(r -> {
            b.append("\n## Provenance (first measured cell)\n\n");
            new java.util.TreeMap<>(r.provenance()).forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        });
        return b.toString();
    }

    /** The full tier's count line, method, controls, tables, pivots and guidelines. */
    private static void fullBody(StringBuilder b, List<CellRecord> records, long ok, List<CellRecord> small) {
        long notApplicable = records.stream().filter(r -> !r.applicable()).count();
        b.append(String.format(Locale.ROOT, "%d cells: %d measured, %d not applicable, %d failed. Full-size networks "
                + "carry seeded weights (no pretrained weights), so fidelity compares output logits (pre-softmax) with "
                + "the fp32 network's on the same real inputs; ratios are against the fp32 DL4J ModelSerializer file.%n%n",
                records.size(), ok, notApplicable, records.size() - ok - notApplicable));
        b.append("Latency at batch 1 is a comparison, not an absolute: each setting ran in rounds interleaved with "
                + "the fp32 network in the same JVM (each round runs both once, the order alternating; a resident "
                + "setting's dequantize-at-load twin runs in the same rounds), after warm-up rounds that end once the "
                + "last three rounds' times lie within 10 % of their median. The ratio is the median over the rounds of the "
                + "setting's time over fp32's in the same round; its 95 % interval comes from a bootstrap of the rounds "
                + "(2,000 resamples). A verdict is given only "
                + "when the interval says so: faster or slower when it lies wholly beyond the 5 % margin, same when it "
                + "lies wholly within it, undecided otherwise. p90 is printed from " + LatencyText.MIN_FOR_P90
                + " inferences, p99 from " + LatencyText.MIN_FOR_P99 + ".\n\n");
        CellRecord.Energy first = records.stream().filter(r -> r.energy() != null).findFirst().map(CellRecord::energy)
                .orElse(null);
        boolean estimated = first != null && first.estimated();
        b.append("Energy meter: ").append(first == null ? "none" : first.meter()).append(estimated
                ? ": an ESTIMATE (CPU time x a constant), which is latency in other units. Energy columns are marked "
                + "(estimate) and no energy finding is drawn from them." : "");
        records.stream().filter(r -> r.paired() != null && r.paired().energyVsFp32() != null).findFirst()
                .ifPresent(r -> b.append(String.format(Locale.ROOT, " Energy is compared in the same paired rounds as "
                        + "latency (each turn metered%s; meter sample rate %s).",
                        Double.isNaN(r.paired().idleWatts()) ? ", no idle baseline"
                                : String.format(Locale.ROOT, ", idle power %.2f W subtracted", r.paired().idleWatts()),
                        Double.isNaN(r.paired().samplesPerSecond()) ? "unknown"
                                : String.format(Locale.ROOT, "%.1f samples/s", r.paired().samplesPerSecond()))));
        b.append("\n\n");
        ControlsSection.append(b, records);
        PaperSection.append(b, records, small);
        if (records.stream().anyMatch(r -> r.key().setting().equals(Setting.DEEP_COMPRESSION_HAN.id())
                || r.key().network().equals("vgg16"))) {
            HeadlineSection.append(b, records);
        }
        String joules = estimated ? "J/inf (estimate)" : "J/inf";
        b.append("## Every cell\n\n| network | setting | ZSTD bytes | ratio (zstd) | ratio (none) | compress s "
                + "| load s | latency vs fp32 [95 % interval] | p50 ms | p90 ms | p99 ms | " + joules
                + " | rel. L2 | top-1 agree | top-5 agree | outputs compared |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (CellRecord r : records) {
            if (!r.ok()) {
                continue;
            }
            CellRecord.Latency l = r.latency();
            Fidelity f = r.fidelity();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.key().network(), r.key().setting(), bytes(r, "ZSTD"), fix(r.ratio("ZSTD"), 2),
                    fix(r.ratio("NONE"), 2), fix(r.compressionNanos() / 1e9, 2), fix(r.loadNanos() / 1e9, 2),
                    r.paired() == null ? "" : LatencyText.comparison(r.paired().latencyVsFp32()),
                    LatencyText.percentile(l, 50), LatencyText.percentile(l, 90), LatencyText.percentile(l, 99),
                    r.energy() == null ? "" : sci(r.energy().joulesPerInference()),
                    f == null ? "" : sci(f.relativeL2()), f == null ? "" : fix(f.top1Agreement(), 3),
                    f == null ? "" : fix(f.top5Agreement(), 3), f == null || f.positions() < 0 ? "" : Long.toString(f.positions())));
        }
        pivot(b, "Compression ratio against the fp32 DL4J file (ZSTD outer)", records, r -> fix(r.ratio("ZSTD"), 2));
        pivot(b, "Latency against fp32 at batch 1 (paired ratio [95 % interval], verdict)", records,
                r -> r.paired() == null ? "" : LatencyText.comparison(r.paired().latencyVsFp32()));
        if (records.stream().anyMatch(r -> r.paired() != null && r.paired().latencyVsTwin() != null)) {
            pivot(b, "Resident-quantized latency against its dequantize-at-load twin (paired, same rounds)",
                    records.stream().filter(r -> r.key().setting().endsWith("_resident")).toList(),
                    r -> r.paired() == null ? "" : LatencyText.comparison(r.paired().latencyVsTwin()));
        }
        if (records.stream().anyMatch(r -> r.largeBatchLatency() != null)) {
            pivot(b, "Throughput at the larger batch (samples/s; one absolute measurement per cell, no verdict)",
                    records, r -> r.largeBatchLatency() == null ? ""
                    : fix(r.largeBatchLatency().inferencesPerSecond() * r.largeBatchLatency().batchSize(), 2)
                    + " (b=" + r.largeBatchLatency().batchSize() + ")");
        }
        pivot(b, "Resident weight memory (MB)", records,
                r -> r.weightBytes() < 0 ? "" : fix(r.weightBytes() / 1048576.0, 2));
        pivot(b, estimated ? "Energy per inference against fp32 (ESTIMATE: CPU time x a constant; paired ratio "
                + "[95 % interval])" : "Energy per inference against fp32 (paired ratio [95 % interval], verdict)",
                records, r -> r.paired() == null || r.paired().energyVsFp32() == null ? ""
                        : r.paired().energyVsFp32().format()
                        + (estimated ? "" : " " + r.paired().energyVsFp32().verdict().costWord()));
        pivot(b, "Relative L2 error of the logits against fp32", records,
                r -> r.fidelity() == null ? "" : sci(r.fidelity().relativeL2()));
        List<String> guidelines = StudyGuidelines.derive(records);
        if (!guidelines.isEmpty()) {
            b.append("\n## Guidelines derived from these cells\n\nRules: close to fp32 means relative L2 of the "
                    + "logits at most 1 % and every top-1 kept; faster, slower, same: the paired verdicts above. "
                    + "Full-size networks carry seeded weights: fidelity is not accuracy.\n\n");
            guidelines.forEach(g -> b.append(g).append('\n'));
        }
    }

    private static void pivot(StringBuilder b, String title, List<CellRecord> records, Function<CellRecord, String> cell) {
        Set<String> settings = new LinkedHashSet<>();
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (CellRecord r : records) {
            settings.add(r.key().setting());
            rows.computeIfAbsent(r.key().network(), k -> new LinkedHashMap<>())
                    .put(r.key().setting(), r.ok() ? cell.apply(r) : r.failed() ? "failed" : "n/a");
        }
        b.append("\n## ").append(title).append("\n\n| network | ").append(String.join(" | ", settings)).append(" |\n| ---");
        settings.forEach(s -> b.append(" | ---:"));
        b.append(" |\n");
        rows.forEach((net, m) -> {
            b.append("| ").append(net);
            settings.forEach(s -> b.append(" | ").append(m.getOrDefault(s, "")));
            b.append(" |\n");
        });
    }

    private static String bytes(CellRecord r, String outer) {
        Long v = r.artifactBytes().get(outer);
        return v == null ? "" : Long.toString(v);
    }

    private static String text(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String num(long v) {
        return v < 0 ? "" : Long.toString(v);
    }

    private static String dbl(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String secs(long nanos) {
        return nanos < 0 ? "" : Double.toString(nanos / 1e9);
    }

    private static String ms(long nanos) {
        return fix(nanos / 1e6, 2);
    }

    private static String fix(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "";
    }

    private static String sci(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "";
    }
}
