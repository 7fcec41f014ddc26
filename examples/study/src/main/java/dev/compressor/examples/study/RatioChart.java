package dev.compressor.examples.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A metric's ratios to fp32 as small multiples: one panel per network, stacked over a shared axis
 * of settings, each panel a log axis with a dashed line at 1; a dot per cell with its 95 % interval
 * as a whisker, coloured by its paired verdict (latency, energy) or in one colour (size, memory).
 * Cells that do not apply read "n/a", failed cells "failed"; a negative control that did not come
 * out "same" is flagged "CTL!". Stateless.
 */
final class RatioChart {

    private static final List<String> VERDICT_SERIES = List.of("faster / lower (95 % interval below 1/1.05)",
            "same (interval within 1/1.05 .. 1.05)", "slower / higher (interval above 1.05)",
            "undecided (interval crosses a margin)", "unpaired (separate runs, no interval)");
    private static final List<Color> VERDICT_COLOURS = List.of(ChartStyle.LOWER, ChartStyle.SAME, ChartStyle.HIGHER,
            ChartStyle.UNDECIDED, ChartStyle.UNPAIRED);

    private RatioChart() {
    }

    /**
     * The chart of a grid.
     *
     * @param grid a ratio metric's grid (not fidelity)
     * @return the chart and its file, {@link ChartMetric#ratioFile()}
     */
    static ChartFile of(ChartGrid grid) {
        ChartMetric m = grid.metric();
        boolean estimated = grid.estimated();
        List<String> keys = m.paired() ? VERDICT_SERIES : List.of("measured");
        SymbolAxis x = ChartStyle.symbols("setting", grid.settings(), true);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(10);
        double[] range = range(grid);
        for (int n = 0; n < grid.networks().size(); n++) {
            plot.add(panel(grid, n, keys, range), 1);
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < keys.size(); i++) {
            legend.add(new LegendItem(keys.get(i), colour(keys, i)));
        }
        plot.setFixedLegendItems(legend);
        String subtitle = "y: " + m.axisLabel(estimated) + ". Dot = " + (m.paired()
                ? "median of per-round ratios in paired rounds, whisker = 95 % bootstrap interval; " : "measured ratio; ")
                + "dashed line = fp32 (1). n/a = the setting does not apply; failed = the cell failed"
                + (m.paired() ? "; CTL! = a negative control (fp32 arithmetic) that did not come out 'same'." : ".");
        JFreeChart chart = ChartStyle.chart(m.question(estimated), subtitle, plot, true);
        LegendTitle l = chart.getLegend();
        l.setPosition(RectangleEdge.TOP);
        int width = Math.max(900, 220 + 48 * grid.settings().size());
        int height = Math.max(520, 300 + 140 * grid.networks().size());
        return new ChartFile(m.ratioFile(), chart, width, height);
    }

    private static XYPlot panel(ChartGrid grid, int n, List<String> keys, double[] range) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (String k : keys) {
            data.addSeries(new YIntervalSeries(k, false, true));
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        renderer.setDrawXError(false);
        renderer.setCapLength(6);
        renderer.setErrorStroke(new BasicStroke(1.5f));
        for (int i = 0; i < keys.size(); i++) {
            renderer.setSeriesPaint(i, colour(keys, i));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        }
        XYPlot panel = new XYPlot(data, null, ChartStyle.logAxis(grid.networks().get(n) + " (" + grid.metric().shortUnit()
                + ")", range[0], range[1]), renderer);
        ChartStyle.grid(panel);
        panel.addRangeMarker(ChartStyle.reference(1, ""));
        for (int s = 0; s < grid.settings().size(); s++) {
            ChartMetric.Value v = grid.value(n, s);
            switch (v.kind()) {
                case VALUE -> {
                    double y = Math.min(range[1], Math.max(range[0], v.value()));
                    data.getSeries(series(keys, v)).add(s, y, Math.max(range[0], v.lower()),
                            Math.min(range[1], v.upper()));
                    if (v.controlBroken()) {
                        panel.addAnnotation(text("CTL!", s, Math.min(range[1], v.upper() * 1.02), ChartStyle.HIGHER,
                                ChartStyle.CELL, TextAnchor.BOTTOM_CENTER));
                    }
                }
                case NOT_APPLICABLE -> panel.addAnnotation(text("n/a", s, 1, ChartStyle.SAME, ChartStyle.NOTE,
                        TextAnchor.CENTER));
                case FAILED -> panel.addAnnotation(text("failed", s, 1, ChartStyle.HIGHER, ChartStyle.NOTE,
                        TextAnchor.CENTER));
                case MISSING -> { }
                default -> throw new IllegalStateException("unknown kind " + v.kind());
            }
        }
        return panel;
    }

    private static int series(List<String> keys, ChartMetric.Value v) {
        if (keys.size() == 1) {
            return 0;
        }
        return v.verdict() == null ? 4 : switch (v.verdict()) {
            case LOWER -> 0;
            case SAME -> 1;
            case HIGHER -> 2;
            case UNDECIDED -> 3;
        };
    }

    private static Color colour(List<String> keys, int i) {
        return keys.size() == 1 ? ChartStyle.UNPAIRED : VERDICT_COLOURS.get(i);
    }

    private static XYTextAnnotation text(String s, double x, double y, Color paint, Font font, TextAnchor anchor) {
        XYTextAnnotation a = new XYTextAnnotation(s, x, y);
        a.setPaint(paint);
        a.setFont(font);
        a.setTextAnchor(anchor);
        a.setBackgroundPaint(Color.WHITE);
        return a;
    }

    /** The shared log range: every interval and 1, padded by 15 % of the span on each side. */
    static double[] range(ChartGrid grid) {
        double lo = 1;
        double hi = 1;
        for (ChartMetric.Value v : grid.measured()) {
            if (v.lower() > 0 && Double.isFinite(v.lower())) {
                lo = Math.min(lo, v.lower());
            }
            if (v.upper() > 0 && Double.isFinite(v.upper())) {
                hi = Math.max(hi, v.upper());
            }
        }
        double pad = Math.max(0.03, 0.15 * (Math.log10(hi) - Math.log10(lo)));
        return new double[] {lo / Math.pow(10, pad), hi * Math.pow(10, pad)};
    }
}
