package dev.compressor.examples.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * PNG charts of the measured cells, drawn with JFreeChart (headless), each titled with the question
 * it answers. The full tier ({@link #write}): per metric, the ratios to fp32 on a log axis with their
 * 95 % intervals ({@code ratio.png} size reduction, {@code latency.png}, {@code memory.png} weight
 * memory, {@code energy.png}), one heatmap per metric with networks as rows and settings as columns
 * ({@code heatmap-size.png}, {@code heatmap-latency.png}, {@code heatmap-memory.png},
 * {@code heatmap-energy.png}, {@code heatmap-fidelity.png}), and two trade-offs
 * ({@code fidelity-vs-ratio.png}, {@code energy-vs-latency.png}). Settings that do not apply read
 * "n/a", failed cells "failed"; an energy estimated from CPU time says so in the title and legend.
 * The small tier: accuracy ({@link #writeAccuracy}) or BLEU ({@link #writeBleu}) against the size
 * reduction. The same records give the same files. Stateless; safe to call from several threads on
 * different folders.
 */
public final class StudyCharts {

    private static final List<ChartMetric> RATIOS = List.of(ChartMetric.SIZE, ChartMetric.LATENCY, ChartMetric.MEMORY,
            ChartMetric.ENERGY);

    private StudyCharts() {
    }

    /**
     * Writes the full tier's charts into a folder (created if missing), overwriting files of the same
     * names: the four ratio charts, the five heatmaps and the two trade-offs, in that order.
     *
     * @param records the full tier's cells
     * @param outDir the folder
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(List<CellRecord> records, Path outDir) throws IOException {
        return save(fullTier(records), outDir);
    }

    /** The full tier's charts, not yet written (for {@link #write} and tests). */
    static List<ChartFile> fullTier(List<CellRecord> records) {
        headless();
        Map<ChartMetric, ChartGrid> grids = new LinkedHashMap<>();
        for (ChartMetric m : ChartMetric.values()) {
            grids.put(m, ChartGrid.of(records, m));
        }
        List<ChartFile> charts = new ArrayList<>();
        for (ChartMetric m : RATIOS) {
            charts.add(RatioChart.of(grids.get(m)));
        }
        for (ChartGrid g : grids.values()) {
            charts.add(HeatmapChart.of(g));
        }
        charts.add(ScatterCharts.fidelityVsRatio(records));
        charts.add(ScatterCharts.energyVsLatency(grids.get(ChartMetric.LATENCY), grids.get(ChartMetric.ENERGY)));
        return charts;
    }

    /**
     * The file name of one small-tier network's accuracy chart.
     *
     * @param network the network id
     * @return {@code accuracy-vs-ratio-<network>.png}
     */
    public static String accuracyChartName(String network) {
        return "accuracy-vs-ratio-" + network + ".png";
    }

    /**
     * Writes one chart per small-tier network (one per family): top-1 accuracy on the test split
     * against the size reduction (fp32 DL4J file over the zstd artifact, log axis), a point per
     * setting, the fp32 top-1 as a dashed line. Cells without accuracy and failed cells are left out.
     *
     * @param records the cells (cells without an accuracy block are ignored)
     * @param outDir the folder, created if missing
     * @return the files written, one per network with a measured cell
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writeAccuracy(List<CellRecord> records, Path outDir) throws IOException {
        return save(accuracy(records), outDir);
    }

    /** The accuracy charts, not yet written. */
    static List<ChartFile> accuracy(List<CellRecord> records) {
        headless();
        List<ChartFile> charts = new ArrayList<>();
        for (List<CellRecord> cells : byNetwork(records.stream().filter(r -> r.ok() && r.accuracy() != null).toList())) {
            String n = cells.get(0).key().network();
            CellRecord.Accuracy a = cells.get(0).accuracy();
            charts.add(ScatterCharts.quality(n + ": how much top-1 accuracy does each setting keep for its size "
                    + "reduction? (Fashion-MNIST test, " + a.testExamples() + " examples)",
                    "top-1 accuracy on the test split (fraction)", accuracyChartName(n), cells,
                    r -> r.accuracy().top1(), 1.0, Map.of("fp32 top-1", a.fp32Top1())));
        }
        return charts;
    }

    /**
     * The file name of a translation model's BLEU chart.
     *
     * @param network the network id, e.g. {@code nmt}
     * @return {@code bleu-vs-ratio-<network>.png}
     */
    public static String bleuChartName(String network) {
        return "bleu-vs-ratio-" + network + ".png";
    }

    /**
     * Writes one chart per translation model (cells with a translation block): corpus BLEU against the
     * size reduction (fp32 DL4J file over the zstd artifact, log axis), a point per setting, the fp32
     * BLEU and the copy-the-source baseline as dashed lines. Failed cells are left out.
     *
     * @param records the cells (cells without a translation block are ignored)
     * @param outDir the folder, created if missing
     * @return the files written, one per network with a measured cell
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writeBleu(List<CellRecord> records, Path outDir) throws IOException {
        return save(bleu(records), outDir);
    }

    /** The BLEU charts, not yet written. */
    static List<ChartFile> bleu(List<CellRecord> records) {
        headless();
        List<ChartFile> charts = new ArrayList<>();
        for (List<CellRecord> cells : byNetwork(records.stream().filter(r -> r.ok() && r.translation() != null)
                .toList())) {
            String n = cells.get(0).key().network();
            CellRecord.Translation t = cells.get(0).translation();
            double maxY = Math.max(t.fp32Bleu(), t.copyBaselineBleu());
            for (CellRecord c : cells) {
                maxY = Math.max(maxY, c.translation().bleu());
            }
            Map<String, Double> baselines = new LinkedHashMap<>();
            baselines.put("fp32", t.fp32Bleu());
            baselines.put("copy the source", t.copyBaselineBleu());
            charts.add(ScatterCharts.quality(n + ": how much BLEU does each setting keep for its size reduction? ("
                    + t.testPairs() + " test pairs)", "corpus BLEU on the test pairs (0-100)", bleuChartName(n), cells,
                    r -> r.translation().bleu(), maxY > 0 ? maxY : 1, baselines));
        }
        return charts;
    }

    private static List<List<CellRecord>> byNetwork(List<CellRecord> cells) {
        List<List<CellRecord>> groups = new ArrayList<>();
        for (String n : new LinkedHashSet<>(cells.stream().map(r -> r.key().network()).toList())) {
            groups.add(cells.stream().filter(r -> r.key().network().equals(n)).toList());
        }
        return groups;
    }

    private static List<Path> save(List<ChartFile> charts, Path outDir) throws IOException {
        List<Path> written = new ArrayList<>();
        if (charts.isEmpty()) {
            return written;
        }
        Files.createDirectories(outDir);
        for (ChartFile c : charts) {
            written.add(c.save(outDir));
        }
        return written;
    }

    /** Charts are drawn off-screen: no display is needed (set before AWT starts). */
    private static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
