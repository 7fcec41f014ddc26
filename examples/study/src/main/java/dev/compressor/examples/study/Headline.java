package dev.compressor.examples.study;

import dev.compressor.examples.settings.DeepCompressionHan;
import java.util.Locale;

/**
 * The measured Deep Compression headline and its Markdown rendering: per layer the density, the
 * codebook, the entropies and the blob; in all the artifact against its entropy bound and its ratios
 * beside Han et al.'s. Immutable.
 *
 * @param bound the entropy bound (with the artifact's size on disk)
 * @param parameters the network's parameter count
 * @param referenceBytes DL4J's fp32 ModelSerializer file, in bytes
 * @param zstdBytes the same artifact with the ZSTD outer compression, in bytes
 * @param plainWeightBytes the weight blobs after pruning and weight sharing alone (plain sparse index,
 *     bit-packed codebook indices), in bytes
 * @param compressSeconds time of the pipeline (prune, cluster, choose encodings)
 * @param writeSeconds time to encode and write the artifact
 * @param readSeconds time to read, decode and compare it
 * @param mismatch the first value that did not decode as written, or null when all did
 */
record Headline(EntropyBound bound, long parameters, long referenceBytes, long zstdBytes, long plainWeightBytes,
        double compressSeconds,
        double writeSeconds, double readSeconds, String mismatch) {

    /** Raw fp32 parameters over the artifact. @return the ratio */
    double ratioToRawFp32() {
        return 4.0 * parameters / bound.fileBytes();
    }

    /** ModelSerializer file over the artifact. @return the ratio */
    double ratioToModelSerializer() {
        return (double) referenceBytes / bound.fileBytes();
    }

    String markdown() {
        StringBuilder b = new StringBuilder("# Deep Compression on VGG-16: the headline\n\n");
        b.append("Pipeline: magnitude pruning to Han et al. 2015's per-layer densities, k-means codebooks of ")
                .append(DeepCompressionHan.CONV_BITS).append(" bits (convolutions) and ")
                .append(DeepCompressionHan.FC_BITS).append(" bits (fully connected) over the surviving weights, ")
                .append("each mask and each layer's indices entropy-coded (static rANS). Seeded weights ")
                .append("(no pretrained ImageNet weights): sizes, not accuracy.\n\n");
        b.append("| layer | weights | kept | density (paper) | codebook | mask entropy B | index entropy B "
                + "| bound B | blob B | blob / bound |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (EntropyBound.Row r : bound.tensors()) {
            String paper = DeepCompressionHan.densities().containsKey(r.layer())
                    ? pct(DeepCompressionHan.density(r.layer())) : "";
            b.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s (%s) | %d | %,.0f | %,.0f | %,.0f | %,d | %.4f |%n",
                    r.layer(), r.length(), r.kept(), pct(r.density()), paper, r.codebook(), r.maskBits() / 8,
                    r.indexBits() / 8, r.boundBytes(), r.blobBytes(), r.blobBytes() / r.boundBytes()));
        }
        double rowsBound = bound.boundBytes() - bound.otherBytes();
        b.append(String.format(Locale.ROOT, "| **all weights** | | | %s (7.5 %%) | | | | %,.0f | %,d | %.4f |%n%n",
                pct(bound.density()), rowsBound, bound.weightBlobBytes(), bound.weightBlobBytes() / rowsBound));
        b.append("| quantity | value |\n| --- | ---: |\n");
        row(b, "parameters", String.format(Locale.ROOT, "%,d", parameters));
        row(b, "raw fp32 parameters (4 B each)", mb(4L * parameters));
        row(b, "DL4J fp32 ModelSerializer file", mb(referenceBytes));
        row(b, "artifact on disk (outer compression none)", mb(bound.fileBytes()));
        row(b, "  of which weight blobs", mb(bound.weightBlobBytes()));
        row(b, "  of which biases, configuration, manifest, header", mb(bound.otherBytes()));
        row(b, "weight blobs without entropy coding (bitmask or relative index, bit-packed indices)",
                mb(plainWeightBytes));
        row(b, "entropy bound (mask + index entropies, codebooks, the rest as stored)",
                String.format(Locale.ROOT, "%,.0f B", bound.boundBytes()));
        row(b, "**artifact / entropy bound**", String.format(Locale.ROOT, "**%.4f** (limit %.2f)", bound.overhead(),
                DeepCompressionHeadline.MAX_OVERHEAD));
        row(b, "artifact with ZSTD outer compression", mb(zstdBytes));
        row(b, "**ratio to raw fp32 parameters**", String.format(Locale.ROOT, "**%.1fx**", ratioToRawFp32()));
        row(b, "**ratio to the ModelSerializer file**", String.format(Locale.ROOT, "**%.1fx**",
                ratioToModelSerializer()));
        row(b, "Han et al. 2016 (VGG-16)", String.format(Locale.ROOT, "%.0f MB to %.1f MB, %.0fx",
                DeepCompressionHan.PAPER_MB_BEFORE, DeepCompressionHan.PAPER_MB_AFTER, DeepCompressionHan.PAPER_RATIO));
        row(b, "compression / write / read-and-verify", String.format(Locale.ROOT, "%.1f s / %.1f s / %.1f s",
                compressSeconds, writeSeconds, readSeconds));
        row(b, "decodes exactly to the stored values", mismatch == null ? "yes" : "NO: " + mismatch);
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d B (%.2f MB)", bytes, bytes / 1e6);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }
}
