package dev.compressor.examples.study;

import java.util.Map;

/** Small-tier test records. */
final class SmallTierRecords {

    private SmallTierRecords() {
    }

    static CellRecord ok(String network, String setting, double top1, double fp32Top1, long zstdBytes) {
        return new CellRecord(new CellKey(network, setting, CellRecord.SMALL_TIER), null, setting + "(all)", 51_522,
                230_000, Map.of("NONE", zstdBytes * 2, "GZIP", zstdBytes + 10, "ZSTD", zstdBytes), 1_000_000,
                2_000_000, -1, -1, -1, null, null, null, null,
                Map.of("weights.date", "2026-11-29T01:41:33Z", "weights.commit", "0596465 2026-11-29",
                        "weights.epochs", "4", "weights.seed", "42", "weights.trainExamples", "20000"),
                new CellRecord.Accuracy(top1, Math.min(1, top1 + 0.1), fp32Top1, 0.99, 500,
                        "classpath subset /smalltier/fashion-mnist/"));
    }

    static CellRecord nmt(String setting, double bleu, double fp32Bleu, long zstdBytes) {
        return new CellRecord(new CellKey("nmt", setting, CellRecord.SMALL_TIER), null, setting + "(all)", 1_083_320,
                4_400_000, Map.of("NONE", zstdBytes * 2, "GZIP", zstdBytes + 10, "ZSTD", zstdBytes), 1_000_000,
                2_000_000, -1, -1, -1, null, null, null, null,
                Map.of("weights.date", "2026-11-29T07:48:50Z", "weights.commit", "21639fd 2026-11-29",
                        "weights.iterations", "2633", "weights.seed", "42", "weights.trainPairs", "36156",
                        "weights.trainSeconds", "840.3", "weights.bleu", "21.97", "weights.baselineBleu", "12.71",
                        "weights.testPairs", "4096"),
                null, new CellRecord.Translation(bleu, fp32Bleu, 12.71, 200, "87 catalogs in /usr/share/locale/de/LC_MESSAGES",
                        String.format(java.util.Locale.ROOT, "BLEU = %.2f 52.9/28.7/18.0/11.6 (BP = 0.927 ratio = 0.929 "
                                + "hyp_len = 17690 ref_len = 19035)", bleu)), null, null);
    }
}
