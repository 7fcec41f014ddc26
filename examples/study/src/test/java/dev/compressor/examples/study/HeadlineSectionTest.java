package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.settings.Setting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's Deep Compression headline: ratios to raw fp32 and to the ModelSerializer file beside 49x. */
class HeadlineSectionTest {

    private static CellRecord han(long params, long reference, long none) {
        CellRecord r = Records.ok("vgg16", Setting.DEEP_COMPRESSION_HAN.id());
        return new CellRecord(r.key(), null, r.settingDescription(), params, reference,
                Map.of("NONE", none, "ZSTD", none - 40_000), r.compressionNanos(), r.loadNanos(), r.residentBytes(),
                r.offHeapBytes(), r.weightBytes(), r.latency(), r.largeBatchLatency(), r.energy(), r.fidelity(),
                r.provenance());
    }

    @Test
    void theHeadlineCellIsShownWithBothRatiosBesideThePaper() {
        String md = StudyReport.markdown(List.of(Records.ok("vgg16", "fp32"),
                han(138_357_544L, 513_427_768L, 12_295_018L)));
        assertTrue(md.contains("## Headline: Deep Compression on VGG-16"), md);
        assertTrue(md.contains("| vgg16 | 12,295,018 | **45.0x** | **41.8x** | 12,255,018 | 49x |"), md);
        assertTrue(md.contains("552 MB to 11.3 MB, **49x**"), md);
        assertTrue(md.contains("such as VGG-19, gets them on those layers and keeps its other layers dense"),
                "the 7.5 % is VGG-16's: " + md);
        assertTrue(md.indexOf("## Headline") < md.indexOf("## Every cell"), "the headline comes first");
    }

    @Test
    void aVggRunWithoutTheSettingSaysHowToGetIt() {
        String md = StudyReport.markdown(List.of(Records.ok("vgg16", "fp32")));
        assertTrue(md.contains("Not in this run: add `--settings deep_compression_han`"), md);
        assertFalse(StudyReport.markdown(List.of(Records.ok("mobilenet_v1", "fp32"))).contains("## Headline"));
    }
}
