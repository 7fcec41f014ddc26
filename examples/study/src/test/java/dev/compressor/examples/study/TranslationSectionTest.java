package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslationSectionTest {

    @TempDir
    Path dir;

    private static List<CellRecord> records() {
        return List.of(SmallTierRecords.ok("vgg8", "fp32", 0.8589, 0.8589, 193_987),
                SmallTierRecords.ok("vgg8", "int8_channel", 0.8586, 0.8589, 52_144),
                SmallTierRecords.nmt("fp32", 21.97, 21.97, 4_020_644),
                SmallTierRecords.nmt("fp16", 21.97, 21.97, 2_010_000),
                SmallTierRecords.nmt("int8_channel", 21.40, 21.97, 1_100_000),
                SmallTierRecords.nmt("int4", 17.10, 21.97, 600_000),
                SmallTierRecords.nmt("prune50", 9.50, 21.97, 2_500_000),
                CellRecord.failed(new CellKey("nmt", "channel25", CellRecord.SMALL_TIER), "no convolution or dense layer"));
    }

    @Test
    void sectionShowsBleuWithChangeBaselineBytesAndRatioPerSetting() {
        String md = StudyReport.markdown(records());
        int at = md.indexOf("## Translation (NMT, small tier)");
        assertTrue(at > 0, md);
        String section = md.substring(at);
        assertTrue(md.indexOf("## Accuracy on real data (small tier)") < at, "image section first");
        assertTrue(section.contains("| setting | BLEU | change (BLEU pts) | copy baseline | test pairs | zstd bytes "
                + "| ratio (zstd) |"), section);
        assertTrue(section.contains("| fp32 | 21.97 | +0.00 | 12.71 | 200 | 4,020,644 | 1.09 |"), section);
        assertTrue(section.contains("| int8_channel | 21.40 | -0.57 | 12.71 | 200 | 1,100,000 | 4.00 |"), section);
        assertTrue(section.contains("87 catalogs in /usr/share/locale/de/LC_MESSAGES; test pairs per cell: 200."), section);
        assertTrue(section.contains("| 2026-11-29T07:48:50Z | 21639fd 2026-11-29 | 2633 | 840.3 | 36156 | 42 "
                + "| 21.97 vs copy 12.71 (4096) |"), section);
        assertTrue(section.contains("![nmt BLEU against ratio](charts/bleu-vs-ratio-nmt.png)"), section);
        assertFalse(section.contains("| channel25 |"), "failed cells are listed with the failures: " + section);
        assertTrue(md.contains("| nmt (small tier) | channel25 | no convolution or dense layer |"), md);
        assertTrue(md.startsWith("# Compression study results\n\nSmall tier (trained networks, accuracy on real data): "
                + "8 cells, in \"Accuracy on real data (small tier)\" and \"Translation (NMT, small tier)\" below."), md);
        // nmt has cells, so it is not listed as not measured in the image section
        String notMeasured = md.lines().filter(l -> l.startsWith("Not measured (no cells")).findFirst().orElse("");
        assertTrue(notMeasured.contains("): inception_v1, "), notMeasured);
        assertFalse(notMeasured.endsWith(", nmt."), notMeasured);
    }

    @Test
    void guidelinesOnePerFamilyCiteCellsWithinOneBleuPoint() {
        String md = StudyReport.markdown(records());
        assertTrue(md.contains("Rule: a setting keeps translation quality when its BLEU is within 1.0 BLEU point of fp32"),
                md);
        List<String> g = StudyGuidelines.deriveTranslation(records());
        assertEquals(2, g.size(), g.toString());
        assertEquals("- **quantization** on the translation model: int8_channel (-0.57, 4.00x, cell nmt/int8_channel/small), "
                + "fp16 (+0.00, 2.19x, cell nmt/fp16/small) keep BLEU within 1.0 BLEU point of fp32 (change in BLEU "
                + "points, zstd ratio against the fp32 file); int4 (-4.87, cell nmt/int4/small) moves it further.", g.get(0));
        assertEquals("- **pruning** on the translation model: no setting keeps BLEU within 1.0 BLEU point of fp32: "
                + "prune50 (-12.47, cell nmt/prune50/small) moves it further.", g.get(1));
        assertTrue(StudyGuidelines.deriveAccuracy(records()).stream().noneMatch(l -> l.contains("nmt")),
                "accuracy guidelines leave the translation cells out");
    }

    @Test
    void reportWithOnlyTranslationCellsHasNoImageSectionAndImageOnlyReportListsNmtAsNotMeasured() {
        String md = StudyReport.markdown(records().subList(2, records().size()));
        assertFalse(md.contains("## Accuracy on real data"), md);
        assertTrue(md.contains("## Translation (NMT, small tier)"), md);
        assertTrue(md.contains("in \"Translation (NMT, small tier)\" below."), md);
        String images = StudyReport.markdown(records().subList(0, 2));
        assertFalse(images.contains("## Translation"), images);
        String notMeasured = images.lines().filter(l -> l.startsWith("Not measured (no cells")).findFirst().orElse("");
        assertTrue(notMeasured.endsWith(", nmt."), notMeasured);
    }

    @Test
    void writeDrawsTheBleuChartAndFillsTheCsvColumns() throws Exception {
        StudyReport.write(records(), dir);
        Path png = dir.resolve("charts").resolve(StudyCharts.bleuChartName("nmt"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png.toString());
        assertEquals(1200, img.getWidth());
        assertTrue(Files.readString(dir.resolve(StudyReport.MARKDOWN)).contains("(charts/bleu-vs-ratio-nmt.png)"));
        List<String> csv = Files.readAllLines(dir.resolve(StudyReport.CSV));
        List<String> header = List.of(csv.get(0).split(","));
        int bleu = header.indexOf("bleu");
        int fp32 = header.indexOf("fp32_bleu");
        int tests = header.indexOf("test_examples");
        assertTrue(bleu > 0 && fp32 > 0, header.toString());
        String row = csv.stream().filter(l -> l.startsWith("nmt,int8_channel,small,ok,")).findFirst().orElseThrow();
        List<String> cells = List.of(row.split(",", -1));
        assertEquals(header.size(), cells.size(), row);
        assertEquals("21.4", cells.get(bleu));
        assertEquals("21.97", cells.get(fp32));
        assertEquals("200", cells.get(tests));
        String image = csv.stream().filter(l -> l.startsWith("vgg8,int8_channel,small,ok,")).findFirst().orElseThrow();
        assertEquals("", List.of(image.split(",", -1)).get(bleu), image);
    }
}
