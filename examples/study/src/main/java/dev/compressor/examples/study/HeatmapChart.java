package dev.compressor.examples.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * One metric as a heatmap: a row per network, a column per setting, each cell coloured on a log
 * scale (green = better than fp32, white = as fp32, red = worse; for the logits' error white = exact,
 * dark = far) and labelled with its value and, for paired metrics, the verdict. Cells that do not
 * apply are light grey "n/a", failed cells dark grey "failed", unknown cells white "-"; a negative
 * control that did not come out "same" has a thick red frame. Stateless.
 */
final class HeatmapChart {

    private static final int STEPS = 64;

    private HeatmapChart() {
    }

    /**
     * The heatmap of a grid.
     *
     * @param grid the metric's grid
     * @return the chart and its file, {@link ChartMetric#heatmapFile()}
     */
    static ChartFile of(ChartGrid grid) {
        ChartMetric m = grid.metric();
        boolean estimated = grid.estimated();
        double[] bounds = bounds(grid);
        LookupPaintScale scale = scale(m, bounds[0], bounds[1]);
        int cols = grid.settings().size();
        int rows = grid.networks().size();
        List<double[]> cells = new ArrayList<>();
        SymbolAxis x = ChartStyle.symbols("setting", grid.settings(), true);
        // the first network on top: row n sits at y = rows - 1 - n (an inverted axis would turn the
        // cells' boxes inside out)
        List<String> bottomUp = new ArrayList<>(grid.networks());
        java.util.Collections.reverse(bottomUp);
        SymbolAxis y = ChartStyle.symbols("network", bottomUp, false);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(null, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setDomainAxisLocation(AxisLocation.TOP_OR_LEFT);
        for (int row = 0; row < rows; row++) {
            int n = rows - 1 - row;
            for (int s = 0; s < cols; s++) {
                ChartMetric.Value v = grid.value(row, s);
                if (v.kind() == ChartMetric.Kind.VALUE) {
                    double z = clamp(z(v.value(), bounds[0]), bounds);
                    cells.add(new double[] {s, n, z});
                    label(plot, s, n, ChartStyle.ratio(v.value()), v.note(), ChartStyle.textOn(scale.getPaint(z)));
                } else {
                    boolean failed = v.kind() == ChartMetric.Kind.FAILED;
                    Paint fill = v.kind() == ChartMetric.Kind.NOT_APPLICABLE ? ChartStyle.NOT_APPLICABLE
                            : failed ? ChartStyle.FAILED : Color.WHITE;
                    plot.addAnnotation(new XYBoxAnnotation(s - 0.5, n - 0.5, s + 0.5, n + 0.5, null, null, fill));
                    String text = v.kind() == ChartMetric.Kind.NOT_APPLICABLE ? "n/a" : failed ? "failed" : "-";
                    label(plot, s, n, text, "", failed ? Color.WHITE : Color.DARK_GRAY);
                }
                Color frame = v.controlBroken() ? ChartStyle.HIGHER : Color.WHITE;
                plot.addAnnotation(new XYBoxAnnotation(s - 0.5, n - 0.5, s + 0.5, n + 0.5,
                        new BasicStroke(v.controlBroken() ? 4f : 1f), frame, null));
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        double[][] series = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            for (int k = 0; k < 3; k++) {
                series[k][i] = cells.get(i)[k];
            }
        }
        data.addSeries("cells", series);
        plot.setDataset(data);
        String subtitle = (m.paired() ? "Cell: ratio to fp32 and the paired verdict (\u25BC faster/lower, = same, "
                + "\u25B2 slower/higher, ? undecided; 'unpaired' = separate runs, no interval); a red frame (CTL!) = a "
                + "negative control that did not come out 'same'. " : "")
                + (m == ChartMetric.FIDELITY ? "Cell: the logits' relative L2 error; below it, 'agree' = the share of "
                + "inputs whose top-1 class is fp32's. " : "")
                + "n/a = the setting does not apply to the network; failed = the cell failed; - = not measured.";
        JFreeChart chart = ChartStyle.chart(m.question(estimated), subtitle, plot, false);
        chart.addSubtitle(colourBar(m, estimated, scale, bounds));
        chart.addSubtitle(specialCells());
        int width = Math.max(900, 330 + 72 * cols);
        int height = Math.max(480, 330 + 48 * rows);
        return new ChartFile(m.heatmapFile(), chart, width, height);
    }

    private static void label(XYPlot plot, int s, int n, String value, String note, Color paint) {
        boolean two = !note.isEmpty();
        plot.addAnnotation(text(value, s, two ? n + 0.14 : n, paint, ChartStyle.CELL));
        if (two) {
            plot.addAnnotation(text(note, s, n - 0.2, paint, ChartStyle.NOTE));
        }
    }

    private static XYTextAnnotation text(String s, double x, double y, Paint paint, Font font) {
        XYTextAnnotation a = new XYTextAnnotation(s, x, y);
        a.setPaint(paint);
        a.setFont(font);
        a.setTextAnchor(TextAnchor.CENTER);
        return a;
    }

    /** The colour value of a cell: log10 of the value; a zero (exact logits) sits at the scale's low end. */
    private static double z(double v, double low) {
        if (v <= 0) {
            return low;
        }
        return Double.isInfinite(v) ? Double.MAX_VALUE : Math.log10(v);
    }

    private static double clamp(double z, double[] bounds) {
        return Math.max(bounds[0], Math.min(bounds[1], z));
    }

    /**
     * The colour scale's log10 bounds: for the ratios the span of the values and 0 (a ratio of 1),
     * at least log10(1.1) on each side and at most 2 (100x); for the logits' error the span of the
     * positive values, whole decades.
     */
    static double[] bounds(ChartGrid grid) {
        List<Double> logs = grid.measured().stream().map(ChartMetric.Value::value)
                .filter(v -> v > 0 && Double.isFinite(v)).map(Math::log10).toList();
        double lo = logs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = logs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (grid.metric() == ChartMetric.FIDELITY) {
            lo = logs.isEmpty() ? -6 : Math.floor(lo);
            return new double[] {lo, Math.max(lo + 1, Math.ceil(hi))};
        }
        double least = Math.log10(1.1);
        return new double[] {Math.max(-2, Math.min(-least, lo)), Math.min(2, Math.max(least, hi))};
    }

    /**
     * Colours over the bounds: for the logits' error white to purple; for the ratios white at 1, green
     * for better and red for worse than fp32, equally deep at equal distance from 1 on either side.
     */
    private static LookupPaintScale scale(ChartMetric m, double lo, double hi) {
        LookupPaintScale scale = new LookupPaintScale(lo, hi + 1e-9, Color.WHITE);
        double reach = Math.max(Math.abs(lo), Math.abs(hi));
        for (int i = 0; i <= STEPS; i++) {
            double z = lo + (hi - lo) * i / STEPS;
            Color c;
            if (m == ChartMetric.FIDELITY) {
                c = mix(Color.WHITE, new Color(0x54278F), (z - lo) / (hi - lo));
            } else {
                boolean better = m.higherIsBetter() ? z > 0 : z < 0;
                c = mix(Color.WHITE, better ? ChartStyle.LOWER : ChartStyle.HIGHER, Math.abs(z) / reach);
            }
            scale.add(z, c);
        }
        return scale;
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    private static PaintScaleLegend colourBar(ChartMetric m, boolean estimated, LookupPaintScale scale, double[] b) {
        NumberAxis axis = new NumberAxis(m.axisLabel(estimated));
        axis.setLabelFont(ChartStyle.LABEL);
        axis.setTickLabelFont(ChartStyle.TICK);
        axis.setRange(b[0], b[1]);
        axis.setNumberFormatOverride(new PowerOfTenFormat());
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(m == ChartMetric.FIDELITY ? 1
                : ChartStyle.logStep(b[0], b[1])));
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setStripWidth(14);
        legend.setSubdivisionCount(256);
        legend.setMargin(4, 60, 4, 60);
        return legend;
    }

    private static LegendTitle specialCells() {
        LegendItemCollection items = new LegendItemCollection();
        items.add(new LegendItem("n/a: setting does not apply", ChartStyle.NOT_APPLICABLE));
        items.add(new LegendItem("failed", ChartStyle.FAILED));
        items.add(new LegendItem("negative control not 'same' (red frame)", ChartStyle.HIGHER));
        LegendTitle legend = new LegendTitle(() -> items);
        legend.setItemFont(ChartStyle.LABEL);
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        return legend;
    }
}
