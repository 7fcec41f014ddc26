package dev.compressor.examples.study;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report's "Translation (NMT, small tier)" section: the trained translation model's weights,
 * the catalogs and test pairs, a table of every setting's BLEU with its change against fp32 in BLEU
 * points, the copy-the-source baseline, the zstd bytes and ratio, the guidelines from BLEU and the
 * BLEU-versus-ratio chart. Stateless.
 */
final class TranslationSection {

    /** The section's heading (without the leading {@code ## }). */
    static final String TITLE = "Translation (NMT, small tier)";

    private TranslationSection() {
    }

    /**
     * Appends the section.
     *
     * @param b the report
     * @param cells the translation model's records (successful and failed); empty when it was not measured
     */
    static void append(StringBuilder b, List<CellRecord> cells) {
        List<CellRecord> ok = cells.stream().filter(r -> r.ok() && r.translation() != null).toList();
        b.append("\n## ").append(TITLE).append("\n\n")
                .append("The small English-German attention model (SMALL_TIER.md, \"The translation model\"), trained "
                        + "by this project's code with a fixed seed, under each setting: sacreBLEU corpus BLEU (0-100) "
                        + "of the greedy translations of the network the artifact restores to (in the setting's runtime "
                        + "mode) on the leading test pairs of the German gettext catalogs, its change against the "
                        + "uncompressed model on the same pairs in BLEU points, and the copy-the-source baseline (the "
                        + "English left untranslated) on the same pairs. Ratio: the fp32 DL4J ModelSerializer file over "
                        + "the zstd artifact. Settings that calibrate activations are calibrated on the inputs of "
                        + NmtMeasurer.CALIBRATION_PAIRS + " training pairs, never test pairs.\n\n");
        if (cells.isEmpty()) {
            b.append("Not measured: no `nmt` cells in these results (no trained weights or no German catalogs when "
                    + "the run was made).\n");
            return;
        }
        if (ok.isEmpty()) {
            b.append("No translation cell was measured successfully (see the failed cells above).\n");
            return;
        }
        Set<String> sources = new TreeSet<>();
        Set<Integer> pairs = new TreeSet<>();
        ok.forEach(r -> {
            sources.add(r.translation().dataSource());
            pairs.add(r.translation().testPairs());
        });
        b.append("Data: ").append(String.join("; ", sources)).append("; test pairs per cell: ")
                .append(String.join(", ", pairs.stream().map(String::valueOf).toList())).append(".\n\n");
        Map<String, String> p = ok.get(0).provenance();
        b.append("| weights trained (date) | weights commit | iterations | training s | training pairs | seed "
                + "| BLEU at training (test pairs) | library version |\n| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n")
                .append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n%n",
                        p.getOrDefault("weights.date", "unknown"), p.getOrDefault("weights.commit", "unknown"),
                        p.getOrDefault("weights.iterations", ""), p.getOrDefault("weights.trainSeconds", ""),
                        p.getOrDefault("weights.trainPairs", ""), p.getOrDefault("weights.seed", ""),
                        p.containsKey("weights.bleu") ? p.get("weights.bleu") + " vs copy "
                                + p.getOrDefault("weights.baselineBleu", "?") + " ("
                                + p.getOrDefault("weights.testPairs", "?") + ")" : "",
                        p.getOrDefault("library.version", "")));
        b.append("| setting | BLEU | change (BLEU pts) | copy baseline | test pairs | zstd bytes | ratio (zstd) |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (CellRecord r : ok) {
            CellRecord.Translation t = r.translation();
            Long z = r.artifactBytes().get("ZSTD");
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %+.2f | %.2f | %d | %s | %s |%n", r.key().setting(),
                    t.bleu(), t.bleuDeltaPoints(), t.copyBaselineBleu(), t.testPairs(),
                    z == null ? "" : String.format(Locale.ROOT, "%,d", z),
                    Double.isFinite(r.ratio("ZSTD")) ? String.format(Locale.ROOT, "%.2f", r.ratio("ZSTD")) : ""));
        }
        List<String> g = StudyGuidelines.deriveTranslation(ok);
        if (!g.isEmpty()) {
            b.append("\n### Guidelines from BLEU (small tier)\n\nRule: a setting keeps translation quality when its "
                    + "BLEU is within ").append(StudyGuidelines.BLEU_POINTS).append(" BLEU point of fp32, either way, "
                    + "on the same test pairs.\n\n");
            g.forEach(line -> b.append(line).append('\n'));
        }
        b.append("\n![").append(NmtSubject.ID).append(" BLEU against ratio](charts/")
                .append(StudyCharts.bleuChartName(NmtSubject.ID)).append(")\n");
    }
}
