package dev.compressor.examples.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Scatter plots with log axes: the full tier's trade-offs (the logits' error against the size
 * reduction; energy against latency, both as ratios to fp32) and the small tier's accuracy or BLEU
 * against the size reduction with the fp32 (and copy-the-source) baselines as dashed lines. Points
 * with a value that a log axis cannot show (zero, unknown) are left out and counted in the subtitle.
 * Stateless.
 */
final class ScatterCharts {

    static final String RATIO_AXIS = "fp32 DL4J file / zstd artifact (x, log scale)";
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 700;

    private ScatterCharts() {
    }

    /** A point of a scatter plot with the series (legend entry) it belongs to. */
    private record Point(String series, double x, double y) {
    }

    /**
     * The logits' relative L2 error against the size reduction, a series per network.
     *
     * @param records the full tier's cells (failed and not-applicable ones are left out)
     * @return {@code fidelity-vs-ratio.png}
     */
    static ChartFile fidelityVsRatio(List<CellRecord> records) {
        List<Point> points = new ArrayList<>();
        int exact = 0;
        for (CellRecord r : records) {
            if (!r.ok() || r.fidelity() == null || !(r.ratio("ZSTD") > 0)) {
                continue;
            }
            if (r.fidelity().relativeL2() > 0 && Double.isFinite(r.fidelity().relativeL2())) {
                points.add(new Point(r.key().network(), r.ratio("ZSTD"), r.fidelity().relativeL2()));
            } else if (r.fidelity().relativeL2() == 0) {
                exact++;
            }
        }
        XYPlot plot = plot(points, RATIO_AXIS, "relative L2 error of the logits vs fp32 (log scale)", true);
        JFreeChart chart = ChartStyle.chart("What does each setting's size reduction cost in fidelity?",
                "A point per measured cell, coloured by network; lower right = smaller artifact and closer logits. "
                        + exact + " cell(s) with bit-exact logits (error 0) cannot sit on a log axis and are not drawn.",
                plot, true);
        return new ChartFile("fidelity-vs-ratio.png", legendRight(chart), WIDTH, HEIGHT);
    }

    /**
     * Energy against latency, both as ratios to fp32, a series per network, with the diagonal on which
     * energy follows latency exactly.
     *
     * @param latency the latency grid
     * @param energy the energy grid (same networks and settings)
     * @return {@code energy-vs-latency.png}
     */
    static ChartFile energyVsLatency(ChartGrid latency, ChartGrid energy) {
        List<Point> points = new ArrayList<>();
        for (int n = 0; n < latency.networks().size(); n++) {
            for (int s = 0; s < latency.settings().size(); s++) {
                ChartMetric.Value l = latency.value(n, s);
                ChartMetric.Value e = energy.value(n, s);
                if (l.kind() == ChartMetric.Kind.VALUE && e.kind() == ChartMetric.Kind.VALUE && l.value() > 0
                        && e.value() > 0) {
                    points.add(new Point(latency.networks().get(n), l.value(), e.value()));
                }
            }
        }
        boolean estimated = energy.estimated();
        XYPlot plot = plot(points, "latency / fp32 latency (ratio, log scale)",
                "energy / fp32 energy (ratio, log scale" + (estimated ? "; ESTIMATE)" : ")"), true);
        double lo = Math.min(plot.getDomainAxis().getLowerBound(), plot.getRangeAxis().getLowerBound());
        double hi = Math.max(plot.getDomainAxis().getUpperBound(), plot.getRangeAxis().getUpperBound());
        plot.addAnnotation(new XYLineAnnotation(lo, lo, hi, hi, dashed(), Color.DARK_GRAY));
        String title = "Does energy per inference follow latency?" + (estimated ? " - " + ChartMetric.ESTIMATE : "");
        String subtitle = "A point per cell, coloured by network; dashed diagonal = energy changes exactly as latency. "
                + (estimated ? "The energy is CPU time times a constant, so its points lie near the diagonal by "
                + "construction: no energy finding is drawn from it." : "Energy from the meter.");
        return new ChartFile("energy-vs-latency.png", legendRight(ChartStyle.chart(title, subtitle, plot, true)),
                WIDTH, HEIGHT);
    }

    /**
     * A small-tier network's top-1 accuracy (or BLEU) against the size reduction, a series per setting,
     * with dashed baselines.
     *
     * @param title the question, naming the network and the test data
     * @param yLabel the y axis label with its unit
     * @param file the file name
     * @param cells the network's measured cells
     * @param y the y value of a cell
     * @param yMax the largest y value possible or seen (the axis zooms onto the points and baselines,
     *     within 0 and {@code 1.05 yMax})
     * @param baselines label to y value of each dashed line
     * @return the chart
     */
    static ChartFile quality(String title, String yLabel, String file, List<CellRecord> cells,
            ToDoubleFunction<CellRecord> y, double yMax, Map<String, Double> baselines) {
        List<Point> points = new ArrayList<>();
        for (CellRecord c : cells) {
            if (c.ratio("ZSTD") > 0 && Double.isFinite(y.applyAsDouble(c))) {
                points.add(new Point(c.key().setting(), c.ratio("ZSTD"), y.applyAsDouble(c)));
            }
        }
        XYPlot plot = plot(points, RATIO_AXIS, yLabel, false);
        double lo = baselines.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = baselines.values().stream().mapToDouble(Double::doubleValue).max().orElse(yMax);
        for (Point p : points) {
            lo = Math.min(lo, p.y());
            hi = Math.max(hi, p.y());
        }
        double pad = Math.max(0.01 * yMax, 0.08 * (hi - lo));
        plot.getRangeAxis().setRange(Math.max(0, lo - pad), Math.min(yMax * 1.05, hi + pad));
        baselines.forEach((label, v) -> plot.addRangeMarker(ChartStyle.reference(v,
                String.format(Locale.ROOT, "%s %.4g", label, v))));
        JFreeChart chart = ChartStyle.chart(title, "A point per setting; upper right = smaller artifact and closer "
                + "to the fp32 network; dashed lines = baselines on the same test data.", plot, true);
        return new ChartFile(file, legendRight(chart), WIDTH, HEIGHT);
    }

    private static XYPlot plot(List<Point> points, String xLabel, String yLabel, boolean logY) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (Point p : points) {
            series.computeIfAbsent(p.series(), k -> new XYSeries(k, false, true)).add(p.x(), p.y());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        ChartStyle.distinct(renderer, series.size());
        ValueAxis x = ChartStyle.logAxis(xLabel, bound(points, Point::x, true), bound(points, Point::x, false));
        ValueAxis y;
        if (logY) {
            y = ChartStyle.logAxis(yLabel, bound(points, Point::y, true), bound(points, Point::y, false));
        } else {
            NumberAxis linear = new NumberAxis(yLabel);
            linear.setLabelFont(ChartStyle.LABEL);
            linear.setTickLabelFont(ChartStyle.TICK);
            y = linear;
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        ChartStyle.grid(plot);
        return plot;
    }

    /** A log bound: the smallest (or largest) positive value, padded by 20 %; 1 when there is none. */
    private static double bound(List<Point> points, ToDoubleFunction<Point> f, boolean lower) {
        double lo = points.stream().mapToDouble(f).filter(v -> v > 0).min().orElse(1);
        double hi = points.stream().mapToDouble(f).filter(v -> v > 0).max().orElse(1);
        double span = Math.max(0.05, 0.05 * (Math.log10(hi) - Math.log10(lo)));
        return lower ? lo / Math.pow(10, span) : hi * Math.pow(10, span);
    }

    private static JFreeChart legendRight(JFreeChart chart) {
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        return chart;
    }

    private static BasicStroke dashed() {
        return new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);
    }
}
