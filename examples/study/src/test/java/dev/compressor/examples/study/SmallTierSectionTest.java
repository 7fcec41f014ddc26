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

class SmallTierSectionTest {

    @TempDir
    Path dir;

    private static List<CellRecord> records() {
        return List.of(Records.ok("resnet50", "fp32"), Records.ok("resnet50", "int8_channel"),
                SmallTierRecords.ok("vgg8", "fp32", 0.8589, 0.8589, 193_987),
                SmallTierRecords.ok("vgg8", "int8_channel", 0.8586, 0.8589, 52_144),
                SmallTierRecords.ok("vgg8", "prune75", 0.5038, 0.8589, 55_237),
                SmallTierRecords.ok("resnet11", "fp32", 0.8252, 0.8252, 133_597),
                SmallTierRecords.ok("resnet11", "int8_channel", 0.8166, 0.8252, 46_734),
                CellRecord.failed(new CellKey("resnet11", "deep_compression_han", CellRecord.SMALL_TIER), "VGG-16 only"));
    }

    @Test
    void sectionShowsTopOneWithDeltaPerSettingAndNetworkWithDataAndWeights() {
        String md = StudyReport.markdown(records());
        int at = md.indexOf("## Accuracy on real data (small tier)");
        assertTrue(at > 0, md);
        String section = md.substring(at);
        assertTrue(section.contains("| setting | vgg8 | resnet11 |"), section);
        assertTrue(section.contains("| int8_channel | 0.8586 (-0.03) | 0.8166 (-0.86) |"), section);
        assertTrue(section.contains("| prune75 | 0.5038 (-35.51) |  |"), section);
        assertTrue(section.contains("classpath subset /smalltier/fashion-mnist/; test images per cell: 500."), section);
        assertTrue(section.contains("| vgg8 | vgg16 | 2026-11-29T01:41:33Z | 0596465 2026-11-29 | 4 | 20000 | 42 |"),
                section);
        assertTrue(section.contains("| vgg8/int8_channel/small | 0.8586 | -0.03 |"), section);
        assertTrue(section.contains("![vgg8](charts/accuracy-vs-ratio-vgg8.png)"), section);
        // guidelines cite small-tier cells by key
        assertTrue(section.contains("**int8_channel** moves top-1 by more than 0.5 points on resnet11 (-0.86 points, "
                + "cell resnet11/int8_channel/small); within 0.5 points on the other 1 network(s)."), section);
        assertTrue(md.contains("| resnet11 (small tier) | deep_compression_han | VGG-16 only |"), md);
    }

    @Test
    void fullTierTablesLeaveSmallCellsOut() {
        String md = StudyReport.markdown(records());
        String full = md.substring(0, md.indexOf("## Accuracy on real data"));
        assertFalse(full.contains("| vgg8 |"), full);
        assertTrue(full.contains("| resnet50 | int8_channel |"), full);
        assertTrue(md.startsWith("# Compression study results\n\nSmall tier (trained networks, accuracy on real "
                + "data): 6 cells"), md);
    }

    @Test
    void guidelineCitesASettingThatKeepsAccuracyEverywhere() {
        List<String> g = StudyGuidelines.deriveAccuracy(List.of(
                SmallTierRecords.ok("vgg8", "int8_channel", 0.8586, 0.8589, 52_144),
                SmallTierRecords.ok("resnet11", "int8_channel", 0.8250, 0.8252, 46_734)));
        assertEquals(1, g.size(), g.toString());
        assertTrue(g.get(0).startsWith("- **int8_channel** keeps top-1 within 0.5 points of fp32 on vgg8, resnet11"),
                g.get(0));
        assertTrue(g.get(0).contains("vgg8/int8_channel/small -0.03 points"), g.get(0));
    }

    @Test
    void writeDrawsOneAccuracyChartPerNetworkAndAddsCsvColumns() throws Exception {
        Path md = StudyReport.write(records(), dir);
        for (String n : List.of("vgg8", "resnet11")) {
            Path png = dir.resolve("charts").resolve(StudyCharts.accuracyChartName(n));
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png.toString());
            assertEquals(1200, img.getWidth());
        }
        assertTrue(Files.readString(md).contains("## Accuracy on real data (small tier)"));
        List<String> csv = Files.readAllLines(dir.resolve(StudyReport.CSV));
        assertTrue(csv.get(0).contains(",top1,top5,fp32_top1,top1_delta_points,test_examples,data_source,"
                + "weights_date,weights_commit,bleu,fp32_bleu,copy_baseline_bleu,not_applicable,"), csv.get(0));
        String vgg8Int8 = csv.stream().filter(l -> l.startsWith("vgg8,int8_channel,small,ok")).findFirst().orElseThrow();
        assertTrue(vgg8Int8.contains(",0.8586,0.9586,0.8589,"), vgg8Int8);
        assertTrue(vgg8Int8.contains(",500,classpath subset /smalltier/fashion-mnist/,2026-11-29T01:41:33Z,0596465 2026-11-29,,,"),
                vgg8Int8);
    }

    @Test
    void smallOnlyReportHasNoEmptyFullTierTables() {
        String md = StudyReport.markdown(List.of(SmallTierRecords.ok("vgg8", "fp32", 0.8589, 0.8589, 193_987),
                CellRecord.failed(new CellKey("vgg8", "int4", CellRecord.SMALL_TIER), "boom")));
        assertTrue(md.contains("No full-tier cell in these results."), md);
        assertFalse(md.contains("## Every cell"), md);
        assertTrue(md.contains("| vgg8 (small tier) | int4 | boom |"), md);
        assertTrue(md.contains("## Accuracy on real data (small tier)"), md);
    }

    @Test
    void aLargeGainIsNotCalledKeepingAccuracy() {
        List<String> g = StudyGuidelines.deriveAccuracy(List.of(
                SmallTierRecords.ok("resnet11", "int4", 0.8630, 0.8252, 30_369)));
        assertEquals(List.of("- **int4** moves top-1 by more than 0.5 points on resnet11 (+3.78 points, cell "
                + "resnet11/int4/small)."), g);
    }

    @Test
    void smallOnlyWriteDrawsNoEmptyFullTierCharts() throws Exception {
        StudyReport.write(List.of(SmallTierRecords.ok("vgg8", "fp32", 0.8589, 0.8589, 193_987)), dir);
        assertTrue(Files.exists(dir.resolve("charts/accuracy-vs-ratio-vgg8.png")));
        assertFalse(Files.exists(dir.resolve("charts/ratio.png")));
    }

    @Test
    void reportWithoutSmallCellsHasNoSmallSection() {
        String md = StudyReport.markdown(List.of(Records.ok("resnet50", "fp32")));
        assertFalse(md.contains("## Accuracy on real data") || md.contains("Small tier (trained networks"), md);
    }
}
