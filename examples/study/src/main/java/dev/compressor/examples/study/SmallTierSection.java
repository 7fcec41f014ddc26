package dev.compressor.examples.study;

import dev.compressor.examples.smalltier.image.SmallNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report's "Accuracy on real data (small tier)" section: the data source, the trained weights'
 * dates and commits, the networks skipped for want of trained weights, top-1 (with its change
 * against fp32 in points) as a setting x network table, every cell's top-1/top-5/bytes/ratio, the
 * accuracy guidelines and the accuracy-versus-ratio charts. Stateless.
 */
final class SmallTierSection {

    private SmallTierSection() {
    }

    /** The chart file of one network's accuracy against compression ratio, relative to the report. */
    static String chartPath(String network) {
        return "charts/" + StudyCharts.accuracyChartName(network);
    }

    /**
     * Appends the section.
     *
     * @param b the report
     * @param small the small-tier records (successful and failed)
     * @param skipped ids of small-tier subjects without cells in the results
     */
    static void append(StringBuilder b, List<CellRecord> small, List<String> skipped) {
        List<CellRecord> ok = small.stream().filter(r -> r.ok() && r.accuracy() != null).toList();
        b.append("\n## Accuracy on real data (small tier)\n\n")
                .append("One small network per family, trained by this project's code with a fixed seed (SMALL_TIER.md), "
                        + "under each setting: top-1 and top-5 of the network the artifact restores to (in the setting's "
                        + "runtime mode) on the Fashion-MNIST test split, and the top-1 change against the uncompressed "
                        + "network on the same images, in percentage points. Ratio: the fp32 DL4J ModelSerializer file "
                        + "over the zstd artifact. Settings that calibrate activations are calibrated on "
                        + SmallTierMeasurer.CALIBRATION_EXAMPLES + " training images, never test images.\n\n");
        Set<String> sources = new TreeSet<>();
        Set<Integer> examples = new TreeSet<>();
        ok.forEach(r -> {
            sources.add(r.accuracy().dataSource());
            examples.add(r.accuracy().testExamples());
        });
        b.append("Data: Fashion-MNIST (Zalando, MIT) from ").append(sources.isEmpty() ? "-" : String.join("; ", sources))
                .append("; test images per cell: ")
                .append(examples.isEmpty() ? "-" : String.join(", ", examples.stream().map(String::valueOf).toList()))
                .append(".\n\n");
        weights(b, ok);
        if (!skipped.isEmpty()) {
            b.append("Not measured (no cells in these results; no trained weights, or for nmt no German catalogs, when "
                    + "the run was made): ").append(String.join(", ", skipped)).append(".\n\n");
        }
        if (ok.isEmpty()) {
            b.append("No small-tier cell was measured successfully.\n");
            return;
        }
        List<String> networks = new ArrayList<>(new LinkedHashSet<>(ok.stream().map(r -> r.key().network()).toList()));
        Map<String, Map<String, CellRecord>> bySetting = new LinkedHashMap<>();
        for (CellRecord r : ok) {
            bySetting.computeIfAbsent(r.key().setting(), k -> new LinkedHashMap<>()).put(r.key().network(), r);
        }
        b.append("### Top-1 (change against fp32, points)\n\n| setting | ").append(String.join(" | ", networks))
                .append(" |\n| ---");
        networks.forEach(n -> b.append(" | ---:"));
        b.append(" |\n");
        bySetting.forEach((s, m) -> {
            b.append("| ").append(s);
            for (String n : networks) {
                CellRecord r = m.get(n);
                b.append(" | ").append(r == null ? "" : String.format(Locale.ROOT, "%.4f (%+.2f)",
                        r.accuracy().top1(), r.accuracy().top1DeltaPoints()));
            }
            b.append(" |\n");
        });
        RecoverySection.append(b, ok);
        b.append("\n### Every small-tier cell\n\n| cell | top-1 | change (pts) | top-5 | fp32 top-1 | test images "
                + "| zstd bytes | ratio (zstd) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (CellRecord r : ok) {
            CellRecord.Accuracy a = r.accuracy();
            Long z = r.artifactBytes().get("ZSTD");
            b.append(String.format(Locale.ROOT, "| %s | %.4f | %+.2f | %.4f | %.4f | %d | %s | %s |%n", r.key(),
                    a.top1(), a.top1DeltaPoints(), a.top5(), a.fp32Top1(), a.testExamples(),
                    z == null ? "" : String.format(Locale.ROOT, "%,d", z),
                    Double.isFinite(r.ratio("ZSTD")) ? String.format(Locale.ROOT, "%.2f", r.ratio("ZSTD")) : ""));
        }
        List<String> g = StudyGuidelines.deriveAccuracy(ok);
        if (!g.isEmpty()) {
            b.append("\n### Guidelines from accuracy (small tier)\n\nRule: a setting keeps accuracy when its top-1 is "
                    + "within ").append(StudyGuidelines.ACCURACY_POINTS).append(" points of fp32 top-1, either way, on the same test images (a larger gain "
                    + "signals an unstable network, not a better setting).\n\n");
            g.forEach(line -> b.append(line).append('\n'));
        }
        b.append("\n### Accuracy against compression ratio, per family\n\n");
        for (String n : networks) {
            b.append("![").append(n).append("](").append(chartPath(n)).append(")\n");
        }
    }

    private static void weights(StringBuilder b, List<CellRecord> ok) {
        Map<String, Map<String, String>> byNet = new LinkedHashMap<>();
        ok.forEach(r -> byNet.putIfAbsent(r.key().network(), r.provenance()));
        if (byNet.isEmpty()) {
            return;
        }
        b.append("| network | family | weights trained (date) | weights commit | epochs | training examples | seed "
                + "| library version |\n| --- | --- | --- | --- | ---: | ---: | ---: | --- |\n");
        byNet.forEach((n, p) -> b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", n,
                family(n), p.getOrDefault("weights.date", "unknown"), p.getOrDefault("weights.commit", "unknown"),
                p.getOrDefault("weights.epochs", ""), p.getOrDefault("weights.trainExamples", ""),
                p.getOrDefault("weights.seed", ""), p.getOrDefault("library.version", ""))));
        b.append('\n');
    }

    private static String family(String id) {
        try {
            return SmallNetwork.byId(id).fullSizeId();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
