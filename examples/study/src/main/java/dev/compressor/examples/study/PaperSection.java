package dev.compressor.examples.study;

import dev.compressor.api.profile.PairedComparison;
import dev.compressor.api.profile.PairedComparison.Verdict;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.smalltier.image.SmallNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report's section that sets the findings of Qin et al., "To Compress, or Not to Compress"
 * (ISPA 2018), beside this run's cells: each finding in our words and what the data says of it
 * (reproduced, not reproduced, undecided, or not measurable here, and why), citing the cells; then a
 * per-network table like the paper's and a compress-or-not verdict per network and objective, reached
 * with the rules of the {@code Advisor} (a setting counts only where fidelity stays close to fp32, and
 * as faster only where the paired interval says so). Stateless.
 */
final class PaperSection {

    /** The paper's weight quantization stored 8-bit weights: our int8 settings. */
    private static final String INT8 = Setting.INT8_CHANNEL.id();
    private static final String RESIDENT = Setting.INT8_CHANNEL_RESIDENT.id();
    private static final List<String> UNSTRUCTURED = List.of(Setting.PRUNE25.id(), Setting.PRUNE50.id(),
            Setting.PRUNE75.id(), Setting.PRUNE90.id(), Setting.GPRUNE25.id(), Setting.GPRUNE50.id(),
            Setting.GPRUNE75.id(), Setting.GPRUNE90.id(), Setting.NM24.id());

    private PaperSection() {
    }

    /**
     * Appends the section.
     *
     * @param b the report so far
     * @param full the full-tier cells
     * @param small the small-tier cells (accuracy on real data), possibly empty
     */
    static void append(StringBuilder b, List<CellRecord> full, List<CellRecord> small) {
        b.append("## The paper side by side\n\nQin et al. (ISPA 2018) measured 11 networks on a Jetson TX2 under "
                + "weight quantization and pruning. Their findings, in our words, and what this run's cells say:\n\n");
        List<CellRecord> ok = full.stream().filter(CellRecord::ok).toList();
        finding(b, "8-bit weights store a network in about a quarter of its fp32 size.", sizeVerdict(ok));
        finding(b, "Quantized networks run slower where the weights are expanded back to float at run time "
                + "(the TX2 has no int8 arithmetic).", residentVerdict(ok));
        finding(b, "Pruning without structure does not make dense hardware faster.", pruningVerdict(ok));
        finding(b, "Energy follows inference time.", energyVerdict(ok));
        finding(b, "The effect on accuracy differs from network to network.", accuracyVerdict(ok, small));
        finding(b, "Their guideline: compress for storage, but choose the setting per network and objective, and "
                + "measure before deploying.", "See the verdicts per network below: they are reached per network "
                + "from the measured cells, and they differ by objective.");
        perNetwork(b, ok, small);
    }

    private static void finding(StringBuilder b, String paper, String ours) {
        b.append("- **Paper:** ").append(paper).append("\n  **Here:** ").append(ours).append('\n');
    }

    private static String sizeVerdict(List<CellRecord> ok) {
        List<CellRecord> cells = bySetting(ok, INT8);
        if (cells.isEmpty()) {
            return "not measurable here: no `" + INT8 + "` cell in this run.";
        }
        double[] r = cells.stream().mapToDouble(c -> c.ratio("ZSTD")).filter(Double::isFinite).sorted().toArray();
        boolean reproduced = r.length > 0 && r[0] >= 3.5 && r[r.length - 1] <= 4.6;
        return String.format(Locale.ROOT, "%s: `%s` artifacts are %.2fx to %.2fx smaller than the fp32 DL4J file "
                + "(zstd), cells %s.", reproduced ? "reproduced" : "not reproduced", INT8, r[0], r[r.length - 1],
                cite(cells));
    }

    private static String residentVerdict(List<CellRecord> ok) {
        List<CellRecord> cells = bySetting(ok, RESIDENT).stream().filter(c -> c.paired() != null).toList();
        if (cells.isEmpty()) {
            return "not measurable here: no `" + RESIDENT + "` cell with a paired latency in this run.";
        }
        Map<Verdict, List<CellRecord>> by = byVerdict(cells, c -> c.paired().latencyVsFp32());
        int slower = by.get(Verdict.HIGHER).size();
        int faster = by.get(Verdict.LOWER).size();
        // slower, but by less than the margin: the whole interval above 1
        long above = cells.stream().filter(c -> c.paired().latencyVsFp32().lower() > 1).count();
        long below = cells.stream().filter(c -> c.paired().latencyVsFp32().upper() < 1).count();
        String word = slower > cells.size() / 2 ? "reproduced"
                : above > cells.size() / 2 ? "reproduced in direction only (slower, but by less than the "
                + Math.round(100 * cells.get(0).paired().latencyVsFp32().margin()) + " % margin)"
                : faster > cells.size() / 2 || below > cells.size() / 2 ? "not reproduced" : "undecided";
        return String.format(Locale.ROOT, "%s: `%s` (weights kept int8 in memory, expanded per inference) is slower "
                + "than fp32 beyond the margin on %d of %d networks, its interval lies wholly above 1 on %d and wholly "
                + "below 1 on %d (%s). Against its dequantize-at-load twin in the same rounds: %s.", word, RESIDENT,
                slower, cells.size(), above, below, citeWith(cells, c -> c.paired().latencyVsFp32()), twinSummary(cells));
    }

    private static String twinSummary(List<CellRecord> cells) {
        List<CellRecord> twin = cells.stream().filter(c -> c.paired().latencyVsTwin() != null).toList();
        if (twin.isEmpty()) {
            return "not measured";
        }
        Map<Verdict, List<CellRecord>> by = byVerdict(twin, c -> c.paired().latencyVsTwin());
        long above = twin.stream().filter(c -> c.paired().latencyVsTwin().lower() > 1).count();
        return String.format(Locale.ROOT, "slower beyond the margin on %d of %d networks, faster on %d, interval "
                + "wholly above 1 on %d (%s)", by.get(Verdict.HIGHER).size(), twin.size(), by.get(Verdict.LOWER).size(),
                above, citeWith(twin, c -> c.paired().latencyVsTwin()));
    }

    private static String pruningVerdict(List<CellRecord> ok) {
        List<CellRecord> cells = ok.stream().filter(c -> UNSTRUCTURED.contains(c.key().setting()) && c.paired() != null)
                .toList();
        if (cells.isEmpty()) {
            return "not measurable here: no unstructured pruning cell with a paired latency in this run.";
        }
        Map<Verdict, List<CellRecord>> by = byVerdict(cells, c -> c.paired().latencyVsFp32());
        int faster = by.get(Verdict.LOWER).size();
        return String.format(Locale.ROOT, "%s: of %d unstructured pruning cells (masked weights in dense layers), "
                + "%d came out the same as fp32, %d faster, %d slower, %d undecided%s.", faster == 0 ? "reproduced"
                : "not reproduced", cells.size(), by.get(Verdict.SAME).size(), faster, by.get(Verdict.HIGHER).size(),
                by.get(Verdict.UNDECIDED).size(), faster == 0 ? "" : " (faster: "
                + citeWith(by.get(Verdict.LOWER), c -> c.paired().latencyVsFp32()) + ")");
    }

    private static String energyVerdict(List<CellRecord> ok) {
        Optional<CellRecord> metered = ok.stream().filter(c -> c.energy() != null).findFirst();
        if (metered.isEmpty()) {
            return "not measurable here: no energy meter ran.";
        }
        if (metered.get().energy().estimated()) {
            return "not measurable here: the only meter on this machine is `" + metered.get().energy().meter()
                    + "`, an estimate from CPU time, which follows time by construction; a sensor (RAPL, INA3221, "
                    + "tegrastats) is needed to test it.";
        }
        List<CellRecord> both = ok.stream().filter(c -> c.paired() != null && c.paired().energyVsFp32() != null)
                .toList();
        long agree = both.stream().filter(c -> c.paired().energyVsFp32().verdict()
                == c.paired().latencyVsFp32().verdict()).count();
        return String.format(Locale.ROOT, "%s: energy and latency verdicts agree on %d of %d cells (meter %s).",
                agree * 2 > both.size() ? "reproduced" : "not reproduced", agree, both.size(),
                metered.get().energy().meter());
    }

    private static String accuracyVerdict(List<CellRecord> ok, List<CellRecord> small) {
        List<CellRecord> acc = small.stream().filter(c -> c.ok() && c.accuracy() != null
                && c.key().setting().equals(Setting.INT4.id())).toList();
        if (acc.isEmpty()) {
            return "not measurable in the full tier (seeded weights: fidelity is not accuracy); run the small tier "
                    + "(`--tier small`) for accuracy on real data.";
        }
        double lo = acc.stream().mapToDouble(c -> c.accuracy().top1DeltaPoints()).min().orElse(0);
        double hi = acc.stream().mapToDouble(c -> c.accuracy().top1DeltaPoints()).max().orElse(0);
        return String.format(Locale.ROOT, "%s: int4 per-channel changes small-tier top-1 by %+.2f to %+.2f points "
                + "across the %d trained families (cells %s).", hi - lo > 1 ? "reproduced" : "not reproduced", lo, hi,
                acc.size(), cite(acc));
    }

    /** The per-network table and the compress-or-not verdicts. */
    private static void perNetwork(StringBuilder b, List<CellRecord> ok, List<CellRecord> small) {
        Map<String, Map<String, CellRecord>> byNet = new LinkedHashMap<>();
        ok.forEach(c -> byNet.computeIfAbsent(c.key().network(), k -> new LinkedHashMap<>()).put(c.key().setting(), c));
        boolean estimated = ok.stream().anyMatch(c -> c.energy() != null && c.energy().estimated());
        b.append("\n| network | int8 size ratio | int8 resident latency vs fp32 | int8 resident weight memory vs fp32 "
                + "| energy vs fp32").append(estimated ? " (ESTIMATE)" : "").append(" | int8 fidelity (rel. L2, top-1 "
                + "agree) | small-tier int8 top-1 change | smallest close to fp32 | fastest close to fp32 |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        byNet.forEach((net, cells) -> {
            CellRecord q = cells.get(INT8);
            CellRecord r = cells.get(RESIDENT);
            CellRecord f = cells.get(Setting.FP32.id());
            String memory = r != null && f != null && r.weightBytes() > 0 && f.weightBytes() > 0
                    ? String.format(Locale.ROOT, "%.2fx", (double) r.weightBytes() / f.weightBytes()) : "";
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", net,
                    q == null ? "" : String.format(Locale.ROOT, "%.2fx", q.ratio("ZSTD")),
                    r == null || r.paired() == null ? "" : LatencyText.comparison(r.paired().latencyVsFp32()), memory,
                    r == null || r.paired() == null || r.paired().energyVsFp32() == null ? ""
                            : r.paired().energyVsFp32().format(),
                    q == null || q.fidelity() == null ? "" : String.format(Locale.ROOT, "%.3g, %.3f",
                            q.fidelity().relativeL2(), q.fidelity().top1Agreement()),
                    smallTierChange(net, small), smallest(cells), fastest(cells)));
        });
        b.append("\nVerdicts use the Advisor's rules: a setting counts where the logits stay close to fp32 (relative "
                + "L2 at most ").append(StudyGuidelines.CLOSE_L2 * 100).append(" % and every top-1 kept); for size the "
                + "largest zstd ratio among those; for latency one whose paired interval lies wholly below fp32's "
                + "margin, else \"do not compress\"").append(estimated ? "; energy is not judged from an estimate"
                : "").append(".\n\n");
    }

    private static String smallTierChange(String fullNetwork, List<CellRecord> small) {
        for (SmallNetwork s : SmallNetwork.values()) {
            if (s.fullSizeId().equals(fullNetwork)) {
                return small.stream().filter(c -> c.ok() && c.accuracy() != null && c.key().network().equals(s.id())
                        && c.key().setting().equals(INT8)).findFirst()
                        .map(c -> String.format(Locale.ROOT, "%+.2f (%s)", c.accuracy().top1DeltaPoints(), s.id()))
                        .orElse("");
            }
        }
        return "";
    }

    private static boolean close(CellRecord c) {
        return c.fidelity() != null && c.fidelity().relativeL2() <= StudyGuidelines.CLOSE_L2
                && c.fidelity().top1Agreement() >= 1.0;
    }

    private static String smallest(Map<String, CellRecord> cells) {
        return cells.values().stream().filter(c -> !c.key().setting().equals(Setting.FP32.id()) && close(c))
                .max((a, c) -> Double.compare(a.ratio("ZSTD"), c.ratio("ZSTD")))
                .map(c -> String.format(Locale.ROOT, "compress: %s (%.2fx)", c.key().setting(), c.ratio("ZSTD")))
                .orElse("do not compress");
    }

    private static String fastest(Map<String, CellRecord> cells) {
        return cells.values().stream().filter(c -> close(c) && c.paired() != null
                        && c.paired().latencyVsFp32().verdict() == Verdict.LOWER)
                .min((a, c) -> Double.compare(a.paired().latencyVsFp32().upper(), c.paired().latencyVsFp32().upper()))
                .map(c -> "compress: " + c.key().setting() + " " + c.paired().latencyVsFp32().format())
                .orElse(cells.values().stream().anyMatch(c -> c.paired() != null) ? "do not compress" : "not measured");
    }

    private static List<CellRecord> bySetting(List<CellRecord> ok, String setting) {
        return ok.stream().filter(c -> c.key().setting().equals(setting)).toList();
    }

    private static Map<Verdict, List<CellRecord>> byVerdict(List<CellRecord> cells,
                                                            Function<CellRecord, PairedComparison> of) {
        Map<Verdict, List<CellRecord>> m = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            m.put(v, new ArrayList<>());
        }
        cells.forEach(c -> m.get(of.apply(c).verdict()).add(c));
        return m;
    }

    private static String cite(List<CellRecord> cells) {
        return String.join(", ", cells.stream().map(c -> c.key().network() + "/" + c.key().setting()).toList());
    }

    private static String citeWith(List<CellRecord> cells, Function<CellRecord, PairedComparison> of) {
        return String.join(", ", cells.stream().map(c -> c.key().network() + "/" + c.key().setting() + " "
                + of.apply(c).format()).toList());
    }
}
