package dev.compressor.examples.study;

import com.google.common.math.Quantiles;
import dev.compressor.api.profile.PairedComparison.Verdict;
import dev.compressor.api.profile.PairedComparison;
import dev.compressor.examples.settings.Setting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Guidelines derived from the measured cells by fixed rules, each citing the cells ({@code
 * network/setting}) that support it: which settings shrink the model while keeping the logits close
 * to fp32 (relative L2 at most 1 % and every top-1 prediction kept), which ones change predictions,
 * which ones are faster or slower than fp32 (and resident settings than their dequantize-at-load
 * twin) where the paired interval says so, lower or higher energy only when a sensor measured it
 * (never from an estimate), and which change load time by more than 10 % (medians over networks). A setting is only compared on networks where its fp32 cell was
 * measured too. Stateless.
 */
public final class StudyGuidelines {

    /** Largest relative L2 error of the logits counted as "close to fp32". */
    public static final double CLOSE_L2 = 0.01;
    /** A median change beyond this fraction counts as a change of latency, energy or load time. */
    public static final double CHANGE = 0.10;
    /** Largest top-1 loss against fp32, in percentage points, counted as "keeps accuracy" (small tier). */
    public static final double ACCURACY_POINTS = 0.5;
    /** Largest BLEU change against fp32, in BLEU points, counted as "keeps translation quality" (small tier). */
    public static final double BLEU_POINTS = 1.0;

    private StudyGuidelines() {
    }

    /** One setting's cells paired with the fp32 cell of the same network. */
    private record Pairs(String setting, List<CellRecord> cells, List<CellRecord> baselines) {

        double median(ToDoubleFunction<CellRecord> metric) {
            double[] v = new double[cells.size()];
            int n = 0;
            for (int i = 0; i < cells.size(); i++) {
                double a = metric.applyAsDouble(cells.get(i));
                double b = metric.applyAsDouble(baselines.get(i));
                if (Double.isFinite(a) && Double.isFinite(b) && b > 0) {
                    v[n++] = a / b;
                }
            }
            if (n == 0) {
                return Double.NaN;
            }
            return Quantiles.median().computeInPlace(Arrays.copyOf(v, n));
        }

        String cite() {
            List<String> k = new ArrayList<>();
            cells.forEach(c -> k.add(c.key().network() + "/" + c.key().setting()));
            return String.join(", ", k);
        }
    }

    /**
     * The guidelines as a Markdown bullet list (empty text when no setting has an fp32 baseline).
     *
     * @param records the cells
     * @return Markdown lines
     */
    public static List<String> derive(List<CellRecord> records) {
        Map<String, CellRecord> fp32 = new LinkedHashMap<>();
        Map<String, List<CellRecord>> bySetting = new LinkedHashMap<>();
        for (CellRecord r : records) {
            if (!r.ok() || r.key().tier().equals(CellRecord.SMALL_TIER)) {
                continue; // small-tier cells carry accuracy, not fidelity: see deriveAccuracy
            }
            if (r.key().setting().equals(Setting.FP32.id())) {
                fp32.put(r.key().network() + "/" + r.key().tier(), r);
            } else {
                bySetting.computeIfAbsent(r.key().setting(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Pairs> pairs = new ArrayList<>();
        bySetting.forEach((s, cells) -> {
            List<CellRecord> with = new ArrayList<>();
            List<CellRecord> base = new ArrayList<>();
            for (CellRecord c : cells) {
                CellRecord b = fp32.get(c.key().network() + "/" + c.key().tier());
                if (b != null) {
                    with.add(c);
                    base.add(b);
                }
            }
            if (!with.isEmpty()) {
                pairs.add(new Pairs(s, with, base));
            }
        });
        List<String> out = new ArrayList<>();
        List<Pairs> safe = new ArrayList<>();
        for (Pairs p : pairs) {
            boolean close = p.cells().stream().allMatch(c -> c.fidelity() != null
                    && c.fidelity().relativeL2() <= CLOSE_L2 && c.fidelity().top1Agreement() >= 1.0);
            if (close) {
                safe.add(p);
            }
        }
        safe.sort((a, b) -> Double.compare(b.median(StudyGuidelines::inverseBytes),
                a.median(StudyGuidelines::inverseBytes)));
        for (Pairs p : safe) {
            out.add(String.format(Locale.ROOT, "- **%s** shrinks the zstd artifact %.2fx (median against fp32) while the "
                    + "logits stay within %.0f %% relative L2 and every top-1 prediction is kept; cells: %s.",
                    p.setting(), p.median(StudyGuidelines::inverseBytes), CLOSE_L2 * 100, p.cite()));
        }
        for (Pairs p : pairs) {
            List<String> bad = new ArrayList<>();
            for (CellRecord c : p.cells()) {
                if (c.fidelity() != null && c.fidelity().top1Agreement() < 1.0) {
                    bad.add(String.format(Locale.ROOT, "%s/%s (top-1 agreement %.2f, relative L2 %.3g)",
                            c.key().network(), c.key().setting(), c.fidelity().top1Agreement(), c.fidelity().relativeL2()));
                }
            }
            if (!bad.isEmpty()) {
                out.add("- **" + p.setting() + "** changes predictions: do not use it without checking accuracy on "
                        + "real data; cells: " + String.join(", ", bad) + ".");
            }
        }
        verdicts(out, pairs, "latency at batch 1", "than fp32", c -> c.paired() == null ? null : c.paired().latencyVsFp32());
        verdicts(out, pairs, "latency at batch 1", "than its dequantize-at-load twin",
                c -> c.paired() == null ? null : c.paired().latencyVsTwin());
        boolean estimated = pairs.stream().flatMap(p -> p.cells().stream())
                .anyMatch(c -> c.energy() != null && c.energy().estimated()
                        || c.paired() != null && c.paired().energyEstimated());
        if (estimated) {
            out.add("- Energy: these cells were measured with an ESTIMATING meter (CPU time x a constant), which is "
                    + "latency in other units; no energy guideline is drawn from it.");
        } else {
            verdicts(out, pairs, "energy per inference", "than fp32",
                    c -> c.paired() == null ? null : c.paired().energyVsFp32());
        }
        change(out, pairs, "load time (one measurement per cell, indicative)",
                r -> r.loadNanos() < 0 ? Double.NaN : r.loadNanos());
        return out;
    }

    /**
     * Guidelines from the small tier's accuracy on real data, each citing its cells
     * ({@code network/setting/small}) with their top-1 change: per setting (fp32 left out), whether it
     * keeps top-1 within {@value #ACCURACY_POINTS} points of fp32 (either way) on every trained network
     * measured, sorted by median zstd ratio, or on which networks it moves top-1 further (a gain that
     * large is reported too: it signals an unstable network rather than a better one).
     *
     * @param records cells of any tier; only successful small-tier cells with accuracy are used
     * @return Markdown lines, empty when there are none
     */
    public static List<String> deriveAccuracy(List<CellRecord> records) {
        Map<String, List<CellRecord>> bySetting = new LinkedHashMap<>();
        for (CellRecord r : records) {
            if (r.ok() && r.accuracy() != null && r.key().tier().equals(CellRecord.SMALL_TIER)
                    && !r.key().setting().equals(Setting.FP32.id())) {
                bySetting.computeIfAbsent(r.key().setting(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Map.Entry<String, List<CellRecord>>> keeps = new ArrayList<>();
        List<String> loses = new ArrayList<>();
        bySetting.forEach((s, cells) -> {
            List<String> bad = new ArrayList<>();
            for (CellRecord c : cells) {
                if (Math.abs(c.accuracy().top1DeltaPoints()) > ACCURACY_POINTS) {
                    bad.add(c.key().network() + " (" + points(c) + ", cell " + c.key() + ")");
                }
            }
            if (bad.isEmpty()) {
                keeps.add(Map.entry(s, cells));
            } else {
                loses.add("- **" + s + "** moves top-1 by more than " + ACCURACY_POINTS + " points on " + String.join(", ", bad)
                        + (bad.size() < cells.size() ? "; within " + ACCURACY_POINTS + " points on the other "
                        + (cells.size() - bad.size()) + " network(s)" : "") + ".");
            }
        });
        keeps.sort((a, b) -> Double.compare(medianRatio(b.getValue()), medianRatio(a.getValue())));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<CellRecord>> e : keeps) {
            List<String> cites = new ArrayList<>();
            e.getValue().forEach(c -> cites.add(c.key() + " " + points(c)));
            out.add(String.format(Locale.ROOT, "- **%s** keeps top-1 within %s points of fp32 on %s, at %.2fx the fp32 "
                    + "file (median, zstd); cells: %s.", e.getKey(), ACCURACY_POINTS,
                    String.join(", ", e.getValue().stream().map(c -> c.key().network()).toList()),
                    medianRatio(e.getValue()), String.join(", ", cites)));
        }
        out.addAll(loses);
        return out;
    }

    /**
     * Guidelines from the translation model's BLEU (small tier), one line per setting family
     * ({@link Setting#family()}: quantization, pruning, combined; fp32 left out): which of the family's
     * settings keep BLEU within {@value #BLEU_POINTS} BLEU point of fp32 on the same test pairs (either
     * way), sorted by zstd ratio, largest first, and which move it further, each citing its cell
     * ({@code nmt/<setting>/small}) with its change.
     *
     * @param records cells of any tier; only successful cells with a translation block are used
     * @return Markdown lines, empty when there are none
     */
    public static List<String> deriveTranslation(List<CellRecord> records) {
        Map<String, List<CellRecord>> byFamily = new LinkedHashMap<>();
        for (CellRecord r : records) {
            if (r.ok() && r.translation() != null && !r.key().setting().equals(Setting.FP32.id())) {
                byFamily.computeIfAbsent(family(r.key().setting()), k -> new ArrayList<>()).add(r);
            }
        }
        List<String> out = new ArrayList<>();
        byFamily.forEach((family, cells) -> {
            List<CellRecord> keeps = new ArrayList<>(cells.stream()
                    .filter(c -> Math.abs(c.translation().bleuDeltaPoints()) <= BLEU_POINTS).toList());
            keeps.sort((a, b) -> Double.compare(finite(b.ratio("ZSTD")), finite(a.ratio("ZSTD"))));
            List<String> kept = keeps.stream().map(c -> String.format(Locale.ROOT, "%s (%+.2f, %.2fx, cell %s)",
                    c.key().setting(), c.translation().bleuDeltaPoints(), c.ratio("ZSTD"), c.key())).toList();
            List<String> moved = cells.stream().filter(c -> !keeps.contains(c))
                    .map(c -> String.format(Locale.ROOT, "%s (%+.2f, cell %s)", c.key().setting(),
                            c.translation().bleuDeltaPoints(), c.key())).toList();
            StringBuilder line = new StringBuilder("- **").append(family).append("** on the translation model: ");
            if (kept.isEmpty()) {
                line.append("no setting keeps BLEU within ").append(BLEU_POINTS).append(" BLEU point of fp32");
            } else {
                line.append(String.join(", ", kept)).append(kept.size() == 1 ? " keeps" : " keep")
                        .append(" BLEU within ").append(BLEU_POINTS).append(" BLEU point of fp32 (change in BLEU "
                        + "points, zstd ratio against the fp32 file)");
            }
            if (!moved.isEmpty()) {
                line.append(kept.isEmpty() ? ": " : "; ").append(String.join(", ", moved))
                        .append(moved.size() == 1 ? " moves" : " move").append(" it further");
            }
            out.add(line.append('.').toString());
        });
        return out;
    }

    private static String family(String setting) {
        try {
            return Setting.byId(setting).family();
        } catch (IllegalArgumentException e) {
            return "other";
        }
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static String points(CellRecord c) {
        return String.format(Locale.ROOT, "%+.2f points", c.accuracy().top1DeltaPoints());
    }

    private static double medianRatio(List<CellRecord> cells) {
        double[] v = cells.stream().mapToDouble(c -> c.ratio("ZSTD")).filter(Double::isFinite).toArray();
        return v.length == 0 ? Double.NaN : Quantiles.median().computeInPlace(v);
    }

    /**
     * Per setting, the networks on which a paired comparison says lower or higher (with its ratio and
     * interval), then the settings that came out "same" on every network compared; no line rests on a
     * comparison without a verdict.
     */
    private static void verdicts(List<String> out, List<Pairs> pairs, String what, String against,
                                 Function<CellRecord, PairedComparison> comparison) {
        boolean latency = what.startsWith("latency");
        List<String> allSame = new ArrayList<>();
        for (Pairs p : pairs) {
            Map<Verdict, List<String>> by = new EnumMap<>(Verdict.class);
            for (CellRecord c : p.cells()) {
                PairedComparison pc = comparison.apply(c);
                if (pc != null) {
                    by.computeIfAbsent(pc.verdict(), k -> new ArrayList<>())
                            .add(c.key().network() + "/" + c.key().setting() + " " + pc.format());
                }
            }
            int n = by.values().stream().mapToInt(List::size).sum();
            if (n == 0) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (Verdict v : List.of(Verdict.HIGHER, Verdict.LOWER)) {
                List<String> cells = by.getOrDefault(v, List.of());
                if (!cells.isEmpty()) {
                    String word = latency ? (v == Verdict.HIGHER ? "slower" : "faster")
                            : (v == Verdict.HIGHER ? "higher" : "lower");
                    parts.add(String.format(Locale.ROOT, "%s %s on %d of %d networks (%s)", word, against, cells.size(),
                            n, String.join(", ", cells)));
                }
            }
            if (parts.isEmpty()) {
                if (by.getOrDefault(Verdict.SAME, List.of()).size() == n) {
                    allSame.add(p.setting());
                }
                continue;
            }
            int same = by.getOrDefault(Verdict.SAME, List.of()).size();
            int undecided = by.getOrDefault(Verdict.UNDECIDED, List.of()).size();
            out.add("- **" + p.setting() + "** " + what + ": " + String.join("; ", parts)
                    + (same > 0 ? "; the same on " + same : "") + (undecided > 0 ? "; undecided on " + undecided : "")
                    + " (ratio [95 % interval], paired rounds).");
        }
        if (!allSame.isEmpty()) {
            out.add(String.format(Locale.ROOT, "- The same %s %s (95 %% interval within %.0f %%) on every network "
                    + "compared: %s.", what, against.replaceFirst("^than ", "as "), 100 * PairedComparison.DEFAULT_MARGIN,
                    String.join(", ", allSame)));
        }
    }

    private static void change(List<String> out, List<Pairs> pairs, String what,
                               ToDoubleFunction<CellRecord> metric) {
        List<String> slower = new ArrayList<>();
        List<String> faster = new ArrayList<>();
        List<String> cites = new ArrayList<>();
        for (Pairs p : pairs) {
            double m = p.median(metric);
            if (!Double.isFinite(m)) {
                continue;
            }
            String item = String.format(Locale.ROOT, "%s (%.2fx)", p.setting(), m);
            if (m > 1 + CHANGE) {
                slower.add(item);
                cites.add(p.cite());
            } else if (m < 1 - CHANGE) {
                faster.add(item);
                cites.add(p.cite());
            }
        }
        if (!slower.isEmpty()) {
            out.add("- Higher " + what + " than fp32 (median ratio): " + String.join(", ", slower) + ".");
        }
        if (!faster.isEmpty()) {
            out.add("- Lower " + what + " than fp32 (median ratio): " + String.join(", ", faster) + ".");
        }
        if (!cites.isEmpty()) {
            out.add("  (" + what + " cells: " + String.join("; ", cites) + ".)");
        }
    }

    private static double inverseBytes(CellRecord r) {
        Long b = r.artifactBytes().get("ZSTD");
        return b == null || b <= 0 ? Double.NaN : 1.0 / b;
    }
}
