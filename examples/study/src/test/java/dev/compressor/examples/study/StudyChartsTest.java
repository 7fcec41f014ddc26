package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.profile.PairedComparison.Verdict;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyChartsTest {

    private static final long MB = 1_000_000;

    @TempDir
    Path dir;

    /**
     * Two networks: resnet50 (fp32, fp16 faster, int4 slower, fp16_masked a control that came out
     * slower, Han's densities not applicable) and vgg16 (fp32, fp16 same, int4 failed, fp16_masked a
     * control that came out same, Han's densities undecided).
     */
    private static List<CellRecord> fullTier(boolean estimated) {
        List<CellRecord> r = new ArrayList<>();
        r.add(cell("resnet50", "fp32", 9_800, 16 * MB, 1e-9, 1.0, Verdict.SAME, true, estimated));
        r.add(cell("resnet50", "fp16", 5_000, 8 * MB, 2e-4, 0.80, Verdict.LOWER, false, estimated));
        r.add(cell("resnet50", "int4", 1_300, 2 * MB, 3e-2, 1.30, Verdict.HIGHER, false, estimated));
        r.add(cell("resnet50", "fp16_masked", 5_000, 16 * MB, 0, 1.09, Verdict.HIGHER, true, estimated));
        r.add(CellRecord.notApplicable(new CellKey("resnet50", "deep_compression_han", CellKey.FULL), "no VGG-16 layers"));
        r.add(cell("vgg16", "fp32", 9_900, 20 * MB, 0, 1.0, Verdict.SAME, true, estimated));
        r.add(cell("vgg16", "fp16", 5_000, 10 * MB, 1e-4, 1.0, Verdict.SAME, false, estimated));
        r.add(CellRecord.failed(new CellKey("vgg16", "int4", CellKey.FULL), "OutOfMemoryError"));
        r.add(cell("vgg16", "fp16_masked", 5_000, 20 * MB, 0, 1.01, Verdict.SAME, true, estimated));
        r.add(cell("vgg16", "deep_compression_han", 400, 20 * MB, 5e-2, 1.04, Verdict.UNDECIDED, false, estimated));
        return r;
    }

    private static CellRecord cell(String network, String setting, long zstd, long weights, double relL2,
            double latencyRatio, Verdict verdict, boolean control, boolean estimated) {
        return Records.ok(network, setting, zstd, weights, 10_000_000, 0.25 * latencyRatio, estimated, relL2)
                .withPaired(Records.paired(latencyRatio, verdict, control, latencyRatio * 1.01, estimated));
    }

    private static ChartFile chart(List<ChartFile> charts, String file) {
        return charts.stream().filter(c -> c.file().equals(file)).findFirst().orElseThrow(() -> new AssertionError(file));
    }

    private static List<String> texts(XYPlot plot) {
        List<String> texts = new ArrayList<>();
        for (XYAnnotation a : plot.getAnnotations()) {
            if (a instanceof XYTextAnnotation t) {
                texts.add(t.getText());
            }
        }
        return texts;
    }

    @Test
    void writesElevenReadablePngsForTheFullTier() throws Exception {
        List<Path> files = StudyCharts.write(fullTier(true), dir);
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("ratio.png", "latency.png", "memory.png", "energy.png", "heatmap-size.png",
                "heatmap-latency.png", "heatmap-memory.png", "heatmap-energy.png", "heatmap-fidelity.png",
                "fidelity-vs-ratio.png", "energy-vs-latency.png"), names);
        List<ChartFile> charts = StudyCharts.fullTier(fullTier(true));
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertNotNull(img, f.toString());
            ChartFile c = chart(charts, f.getFileName().toString());
            assertEquals(c.width(), img.getWidth(), f.toString());
            assertEquals(c.height(), img.getHeight(), f.toString());
            assertTrue(img.getWidth() >= 900 && img.getHeight() >= 480, f + ": " + img.getWidth() + "x" + img.getHeight());
        }
        // five settings: the heatmap's cells are wider than the minimum, two networks: its rows too
        assertEquals(900, chart(charts, "heatmap-latency.png").width());
    }

    @Test
    void oneHeatmapPerMetricWithNotApplicableAndFailedCellsLabelled() {
        List<ChartFile> heatmaps = StudyCharts.fullTier(fullTier(true)).stream()
                .filter(c -> c.file().startsWith("heatmap-")).toList();
        assertEquals(ChartMetric.values().length, heatmaps.size());
        for (ChartFile h : heatmaps) {
            XYPlot plot = h.chart().getXYPlot();
            List<String> texts = texts(plot);
            assertEquals(1, texts.stream().filter("n/a"::equals).count(), h.file() + ": " + texts);
            assertEquals(1, texts.stream().filter("failed"::equals).count(), h.file() + ": " + texts);
            // 10 cells: 8 measured (colour blocks), n/a and failed as filled boxes
            assertEquals(8, plot.getDataset().getItemCount(0), h.file());
            long filled = plot.getAnnotations().stream()
                    .filter(a -> a instanceof XYBoxAnnotation b && b.getFillPaint() != null).count();
            assertEquals(2, filled, h.file());
        }
    }

    @Test
    void notApplicableAndFailedCellsAreFilledGreyInThePng() throws Exception {
        List<Path> files = StudyCharts.write(fullTier(true), dir);
        BufferedImage img = ImageIO.read(files.get(names(files).indexOf("heatmap-latency.png")).toFile());
        // a cell is about 130 x 100 pixels; the legend's swatches are a few dozen pixels each
        assertTrue(count(img, ChartStyle.NOT_APPLICABLE.getRGB()) > 3000, "n/a grey pixels");
        assertTrue(count(img, ChartStyle.FAILED.getRGB()) > 3000, "failed grey pixels");
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void latencyHeatmapMarksVerdictsAndFramesTheBrokenControl() {
        ChartFile h = chart(StudyCharts.fullTier(fullTier(true)), "heatmap-latency.png");
        List<String> texts = texts(h.chart().getXYPlot());
        assertTrue(texts.contains("\u25BC faster"), texts.toString());
        assertTrue(texts.contains("\u25B2 slower"), texts.toString());
        assertTrue(texts.contains("= same"), texts.toString());
        assertTrue(texts.contains("? undecided"), texts.toString());
        assertTrue(texts.contains("= same (ctl)"), texts.toString());
        assertTrue(texts.contains("CTL! \u25B2 slower"), texts.toString());
        assertTrue(texts.contains("1.30") && texts.contains("0.80"), texts.toString());
        long redFrames = h.chart().getXYPlot().getAnnotations().stream()
                .filter(a -> a instanceof XYBoxAnnotation b && ChartStyle.HIGHER.equals(b.getOutlinePaint())).count();
        assertEquals(1, redFrames);
    }

    @Test
    void energyTitlesSayEstimateOnlyWhenTheEnergyIsEstimated() {
        List<ChartFile> estimated = StudyCharts.fullTier(fullTier(true));
        List<ChartFile> metered = StudyCharts.fullTier(fullTier(false));
        for (String f : List.of("heatmap-energy.png", "energy.png", "energy-vs-latency.png")) {
            assertTrue(chart(estimated, f).title().contains("ESTIMATE (CPU time x constant), not a sensor"),
                    chart(estimated, f).title());
            assertFalse(chart(metered, f).title().contains("ESTIMATE"), chart(metered, f).title());
        }
        assertFalse(chart(estimated, "heatmap-latency.png").title().contains("ESTIMATE"));
        // the colour bar's label (the legend) says so too
        String legend = ((org.jfree.chart.title.PaintScaleLegend) chart(estimated, "heatmap-energy.png").chart()
                .getSubtitles().stream().filter(t -> t instanceof org.jfree.chart.title.PaintScaleLegend).findFirst()
                .orElseThrow()).getAxis().getLabel();
        assertTrue(legend.contains("ESTIMATE"), legend);
    }

    @Test
    void ratioChartsUseLogAxesWithTheIntervalAndALineAtOne() {
        ChartFile latency = chart(StudyCharts.fullTier(fullTier(true)), "latency.png");
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) latency.chart().getPlot();
        assertEquals(2, plot.getSubplots().size());
        XYPlot resnet = plot.getSubplots().get(0);
        assertInstanceOf(LogAxis.class, resnet.getRangeAxis());
        assertEquals("resnet50 (x fp32)", resnet.getRangeAxis().getLabel());
        assertTrue(resnet.getRangeMarkers(Layer.FOREGROUND).stream().anyMatch(m -> ((ValueMarker) m).getValue() == 1.0));
        YIntervalSeriesCollection data = (YIntervalSeriesCollection) resnet.getDataset();
        // series 2 = slower: int4 (1.30) and the broken control (1.09); their whiskers are the intervals
        assertEquals(2, data.getItemCount(2));
        assertEquals(1.30, data.getYValue(2, 0), 1e-12);
        assertEquals(1.30 * 0.97, data.getStartYValue(2, 0), 1e-12);
        assertEquals(1.30 * 1.03, data.getEndYValue(2, 0), 1e-12);
        assertTrue(texts(resnet).contains("n/a") && texts(resnet).contains("CTL!"), texts(resnet).toString());
        assertTrue(texts(plot.getSubplots().get(1)).contains("failed"));
        ChartFile size = chart(StudyCharts.fullTier(fullTier(true)), "ratio.png");
        XYPlot sizeResnet = ((CombinedDomainXYPlot) size.chart().getPlot()).getSubplots().get(0);
        assertEquals(10_000.0 / 1_300, sizeResnet.getDataset().getYValue(0, 2), 1e-9);
    }

    @Test
    void recordsWithoutPairedRoundsAreMarkedUnpaired() {
        List<CellRecord> old = List.of(Records.ok("resnet50", "fp32"), Records.ok("resnet50", "fp16"),
                Records.ok("vgg16", "fp16"), CellRecord.failed(new CellKey("vgg16", "int4", "full"), "x"));
        List<ChartFile> charts = StudyCharts.fullTier(old);
        List<String> texts = texts(chart(charts, "heatmap-latency.png").chart().getXYPlot());
        assertTrue(texts.contains("reference") && texts.contains("unpaired"), texts.toString());
        // vgg16 has no fp32 cell: its fp16 latency ratio is unknown, drawn as "-" like the two cells
        // without a record (vgg16 fp32, resnet50 int4), never as a failure
        assertEquals(3, texts.stream().filter("-"::equals).count(), texts.toString());
        assertEquals(1, texts.stream().filter("failed"::equals).count(), texts.toString());
        assertTrue(chart(charts, "heatmap-energy.png").title().contains("ESTIMATE"));
    }

    @Test
    void theSameRecordsGiveTheSamePngBytes() throws Exception {
        List<Path> first = StudyCharts.write(fullTier(true), dir.resolve("a"));
        List<Path> second = StudyCharts.write(fullTier(true), dir.resolve("b"));
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)), first.get(i).toString());
        }
    }

    @Test
    void smallTierAccuracyAndBleuChartsOnePerNetwork() throws Exception {
        List<CellRecord> small = List.of(SmallTierRecords.ok("vgg8", "fp32", 0.91, 0.91, 200_000),
                SmallTierRecords.ok("vgg8", "int4", 0.89, 0.91, 30_000),
                SmallTierRecords.ok("resnet11", "int8_channel", 0.88, 0.90, 60_000),
                CellRecord.failed(new CellKey("resnet20", "int4", CellRecord.SMALL_TIER), "x"),
                SmallTierRecords.nmt("fp32", 21.97, 21.97, 4_000_000), SmallTierRecords.nmt("int8_channel", 21.5, 21.97,
                        1_100_000));
        List<Path> accuracy = StudyCharts.writeAccuracy(small, dir);
        assertEquals(List.of(dir.resolve(StudyCharts.accuracyChartName("vgg8")),
                dir.resolve(StudyCharts.accuracyChartName("resnet11"))), accuracy);
        List<Path> bleu = StudyCharts.writeBleu(small, dir);
        assertEquals(List.of(dir.resolve("bleu-vs-ratio-nmt.png")), bleu);
        for (Path f : List.of(accuracy.get(0), accuracy.get(1), bleu.get(0))) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertEquals(1200, img.getWidth(), f.toString());
            assertEquals(700, img.getHeight(), f.toString());
        }
        ChartFile vgg8 = StudyCharts.accuracy(small).get(0);
        assertTrue(vgg8.title().startsWith("vgg8: how much top-1 accuracy"), vgg8.title());
        XYPlot plot = vgg8.chart().getXYPlot();
        assertInstanceOf(LogAxis.class, plot.getDomainAxis());
        assertEquals(2, plot.getDataset().getSeriesCount());
        assertEquals(0.91, ((ValueMarker) plot.getRangeMarkers(Layer.FOREGROUND).iterator().next()).getValue(), 1e-12);
        XYPlot nmt = StudyCharts.bleu(small).get(0).chart().getXYPlot();
        assertEquals(2, nmt.getRangeMarkers(Layer.FOREGROUND).size());
    }

    @Test
    void noSmallTierCellsWriteNoFiles() throws Exception {
        assertTrue(StudyCharts.writeAccuracy(List.of(Records.ok("vgg16", "fp16")), dir.resolve("none")).isEmpty());
        assertTrue(StudyCharts.writeBleu(List.of(), dir.resolve("none")).isEmpty());
        assertFalse(Files.exists(dir.resolve("none")));
        // an empty full tier still draws its (empty) charts rather than failing
        assertEquals(11, StudyCharts.write(List.of(), dir.resolve("empty")).size());
    }
}
