package dev.compressor.examples.study;

import dev.compressor.examples.settings.Recovery;
import dev.compressor.examples.settings.Setting;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small tier's "Recovering accuracy" table: for every network and one-shot setting that has a
 * recalibrated ({@code _recal}) or fine-tuned ({@code _ft}) twin in the results, top-1 (change against
 * fp32 in points, on the same test images) one-shot, recalibrated and fine-tuned side by side, with
 * what each fine-tuning spent (wall time, epochs, what stopped it). Stateless.
 */
final class RecoverySection {

    private RecoverySection() {
    }

    /**
     * Appends the section if any recovered cell is among the records; nothing otherwise.
     *
     * @param b the report
     * @param ok successful small-tier image records
     */
    static void append(StringBuilder b, List<CellRecord> ok) {
        Map<String, Map<Setting, Map<Recovery, CellRecord>>> rows = new LinkedHashMap<>();
        boolean recovered = false;
        for (CellRecord r : ok) {
            Setting s;
            try {
                s = Setting.byId(r.key().setting());
            } catch (IllegalArgumentException e) {
                continue; // a setting of an older run
            }
            rows.computeIfAbsent(r.key().network(), n -> new LinkedHashMap<>())
                    .computeIfAbsent(s.oneShot(), x -> new EnumMap<>(Recovery.class)).put(s.recovery(), r);
            recovered |= s.recovery() != Recovery.ONE_SHOT;
        }
        if (!recovered) {
            return;
        }
        b.append("\n### Recovering accuracy: one-shot, recalibrated, fine-tuned\n\n")
                .append("Top-1 (change against fp32, points) of each setting as compressed once, with batch-norm "
                        + "statistics recomputed on ").append(SmallTierMeasurer.CALIBRATION_EXAMPLES)
                .append(" unlabelled training images, and trained back on the labelled training split (pruning "
                        + "with fine-tuning; quantization-aware training for intN), on the same test images. "
                        + "Fine-tuning: Adam, minibatches of ").append(SmallTierMeasurer.FINE_TUNING_BATCH)
                .append(", pruning at the rate the network was trained with (sparsity reached over the first third "
                        + "of the budget), quantization-aware training and the fp32_ft control at a tenth of it; "
                        + "each cell records its "
                        + "rate, its budget and what it spent (wall time of the whole fine-tuning, measured).\n\n")
                .append("| network | setting | one-shot | recalibrated | fine-tuned | fine-tuning spent |\n")
                .append("| --- | --- | ---: | ---: | ---: | --- |\n");
        rows.forEach((network, bySetting) -> bySetting.forEach((setting, cells) -> {
            if (cells.keySet().stream().allMatch(x -> x == Recovery.ONE_SHOT)) {
                return;
            }
            b.append("| ").append(network).append(" | ").append(setting.id());
            for (Recovery x : Recovery.values()) {
                CellRecord r = cells.get(x);
                b.append(" | ").append(r == null ? "" : String.format(Locale.ROOT, "%.4f (%+.2f)", r.accuracy().top1(),
                        r.accuracy().top1DeltaPoints()));
            }
            b.append(" | ").append(spent(cells.get(Recovery.FINE_TUNED))).append(" |\n");
        }));
    }

    /** What a fine-tuned cell's training spent, from its provenance; empty if it has none. */
    static String spent(CellRecord r) {
        if (r == null || !r.provenance().containsKey("fineTuning.wallSeconds")) {
            return "";
        }
        Map<String, String> p = r.provenance();
        return p.get("fineTuning.wallSeconds") + " s, " + p.get("fineTuning.iterations") + " minibatches ("
                + p.get("fineTuning.epochs") + " full epochs); budget " + p.get("fineTuning.budget") + ", ended by "
                + p.get("fineTuning.stoppedBy");
    }
}
