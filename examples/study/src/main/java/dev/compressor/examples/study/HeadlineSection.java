package dev.compressor.examples.study;

import dev.compressor.examples.settings.DeepCompressionHan;
import dev.compressor.examples.settings.Setting;
import java.util.List;
import java.util.Locale;

/**
 * The report's headline section: the {@link Setting#DEEP_COMPRESSION_HAN} cells (Deep Compression on
 * VGG-16 as Han et al. set it), their artifact's ratio to the raw fp32 parameters and to DL4J's fp32
 * ModelSerializer file, beside the paper's 49x. Stateless.
 */
final class HeadlineSection {

    /** Where the full measurement (per layer, with the entropy bound) is documented. */
    static final String DETAILS = "examples/study/DEEP_COMPRESSION.md";

    private HeadlineSection() {
    }

    /**
     * Appends the section.
     *
     * @param b the report so far
     * @param records the cells
     */
    static void append(StringBuilder b, List<CellRecord> records) {
        String id = Setting.DEEP_COMPRESSION_HAN.id();
        List<CellRecord> cells = records.stream().filter(r -> r.ok() && r.key().setting().equals(id)).toList();
        b.append("## Headline: Deep Compression on VGG-16\n\n");
        b.append(String.format(Locale.ROOT, "Setting `%s`: Han et al.'s per-layer densities for VGG-16 (they report "
                + "7.5 %% of its weights kept overall; applied to this VGG-16's layers the densities keep 7.61 %%; a "
                + "network with VGG-16's layer names and more, such as VGG-19, gets them on those layers and keeps its other layers dense), k-means codebooks of 8 bits (convolutions) and "
                + "5 bits (fully connected), entropy-coded masks and indices. Han et al. 2016 report %.0f MB to "
                + "%.1f MB, **%.0fx**, for VGG-16. The artifact's size against the entropy bound of what it stores, "
                + "per layer: `%s`.%n%n",
                id, DeepCompressionHan.PAPER_MB_BEFORE, DeepCompressionHan.PAPER_MB_AFTER,
                DeepCompressionHan.PAPER_RATIO, DETAILS));
        if (cells.isEmpty()) {
            b.append("Not in this run: add `--settings ").append(id).append("` with `--networks vgg16`, or run "
                    + "`dev.compressor.examples.study.DeepCompressionHeadline`.\n\n");
            return;
        }
        b.append("| network | artifact bytes (no outer compression) | ratio to raw fp32 parameters "
                + "| ratio to the ModelSerializer file | ZSTD bytes | Han et al. |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (CellRecord r : cells) {
            Long none = r.artifactBytes().get("NONE");
            Long zstd = r.artifactBytes().get("ZSTD");
            String raw = none == null || r.parameterCount() <= 0 ? ""
                    : String.format(Locale.ROOT, "**%.1fx**", 4.0 * r.parameterCount() / none);
            String ms = Double.isFinite(r.ratio("NONE")) ? String.format(Locale.ROOT, "**%.1fx**", r.ratio("NONE")) : "";
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0fx |%n", r.key().network(),
                    none == null ? "" : String.format(Locale.ROOT, "%,d", none), raw, ms,
                    zstd == null ? "" : String.format(Locale.ROOT, "%,d", zstd), DeepCompressionHan.PAPER_RATIO));
        }
        b.append('\n');
    }
}
