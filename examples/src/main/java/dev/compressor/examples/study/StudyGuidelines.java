package dev.compressor.examples.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Guidelines derived from the measured cells by fixed rules, each citing the cells ({@code
 * network/setting}) that support it: which settings shrink the model while keeping the logits close
 * to fp32 (relative L2 at most 1 % and every top-1 prediction kept), which ones change predictions,
 * and which ones change latency, energy or load time by more than 10 % against fp32 on the same
 * network (medians over networks). A setting is only compared on networks where its fp32 cell was
 * measured too. Stateless.
 */
public final class StudyGuidelines {

    /** Largest relative L2 error of the logits counted as "close to fp32". */
    public static final double CLOSE_L2 = 0.01;
    /** A median change beyond this fraction counts as a change of latency, energy or load time. */
    public static final double CHANGE = 0.10;

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
            double[] s = Arrays.copyOf(v, n);
            Arrays.sort(s);
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
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
            if (!r.ok()) {
                continue;
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
        change(out, pairs, "latency (p50, batch 1)", true,
                r -> r.latency() == null ? Double.NaN : r.latency().p50Nanos());
        change(out, pairs, "energy per inference", true,
                r -> r.energy() == null ? Double.NaN : r.energy().joulesPerInference());
        change(out, pairs, "load time", false, r -> r.loadNanos() < 0 ? Double.NaN : r.loadNanos());
        return out;
    }

    private static void change(List<String> out, List<Pairs> pairs, String what, boolean runtimeMetric,
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
            out.add("  (" + what + " cells: " + String.join("; ", cites) + "."
                    + (runtimeMetric ? " Settings restored by dequantizing at load run the same fp32 arithmetic, so "
                    + "their differences here measure the machine's noise unless the network itself changed, as "
                    + "with channel pruning." : "") + ")");
        }
    }

    private static double inverseBytes(CellRecord r) {
        Long b = r.artifactBytes().get("ZSTD");
        return b == null || b <= 0 ? Double.NaN : 1.0 / b;
    }
}
