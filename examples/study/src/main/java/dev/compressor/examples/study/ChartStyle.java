package dev.compressor.examples.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/**
 * The study charts' shared look: fonts, the verdict colours, log and category axes, the reference
 * line at 1. Stateless; every method returns new JFreeChart objects.
 */
final class ChartStyle {

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font CELL = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    static final Color LOWER = new Color(0x1A9850);
    static final Color SAME = new Color(0x737373);
    static final Color HIGHER = new Color(0xD73027);
    static final Color UNDECIDED = new Color(0xE08214);
    static final Color UNPAIRED = new Color(0x4575B4);
    static final Color NOT_APPLICABLE = new Color(0xD9D9D9);
    static final Color FAILED = new Color(0x4D4D4D);
    static final Color GRID = new Color(0xE0E0E0);

    /** Ten colours told apart easily (Tableau 10), for series without a meaning of their own. */
    private static final List<Color> PALETTE = List.of(new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
            new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
            new Color(0x9C755F), new Color(0x000000));
    private static final java.awt.Shape[] SHAPES = org.jfree.chart.plot.DefaultDrawingSupplier.createStandardSeriesShapes();

    private ChartStyle() {
    }

    /**
     * Gives a renderer's series distinct looks: the ten colours in turn, then the same colours with
     * the next shape.
     *
     * @param renderer the renderer
     * @param series how many series
     */
    static void distinct(org.jfree.chart.renderer.xy.AbstractXYItemRenderer renderer, int series) {
        for (int i = 0; i < series; i++) {
            renderer.setSeriesPaint(i, PALETTE.get(i % PALETTE.size()));
            renderer.setSeriesShape(i, SHAPES[(1 + i / PALETTE.size()) % SHAPES.length]);
        }
    }

    /**
     * A chart with the study's title and subtitle fonts and a white background.
     *
     * @param title the question the chart answers
     * @param subtitle how to read it ("" for none)
     * @param plot the plot
     * @param legend whether to show the plot's legend
     * @return the chart
     */
    static JFreeChart chart(String title, String subtitle, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (!subtitle.isEmpty()) {
            chart.addSubtitle(new TextTitle(subtitle, SUBTITLE));
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
        }
        plot.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A white XY plot with light grey grid lines. */
    static void grid(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
    }

    /**
     * A base-10 log axis over a range, with plain-number tick labels.
     *
     * @param label the axis label with its unit
     * @param lower the lower bound, positive
     * @param upper the upper bound, above {@code lower}
     * @return the axis
     */
    static LogAxis logAxis(String label, double lower, double upper) {
        LogAxis axis = new LogAxis(label);
        axis.setLabelFont(LABEL);
        axis.setTickLabelFont(TICK);
        axis.setNumberFormatOverride(plain());
        axis.setAutoRange(false);
        axis.setRange(lower, upper);
        axis.setTickUnit(new NumberTickUnit(logStep(Math.log10(lower), Math.log10(upper))));
        return axis;
    }

    /**
     * The step between a log axis' ticks, in decades, chosen so that the ticks fall on round
     * numbers around 1: powers of 2 (..., 0.25, 0.5, 1, 2, 4, ...) or of 4, 16, ... over a wide range,
     * powers of 1.1 (0.909, 1, 1.1, 1.21, ...) or of 1.21, ... over a narrow one; at most about 12 ticks.
     *
     * @param lo log10 of the lower bound
     * @param hi log10 of the upper bound
     * @return the step in decades
     */
    static double logStep(double lo, double hi) {
        double span = Math.max(1e-6, hi - lo);
        double base = span >= Math.log10(4) ? Math.log10(2) : Math.log10(1.1);
        double k = 1;
        while (span / (base * k) > 12) {
            k *= 2;
        }
        return base * k;
    }

    /**
     * A category axis of names at 0, 1, 2, ...
     *
     * @param label the axis label
     * @param names the categories
     * @param vertical whether the tick labels stand vertically (many or long names)
     * @return the axis, over [-0.5, n - 0.5]
     */
    static SymbolAxis symbols(String label, List<String> names, boolean vertical) {
        SymbolAxis axis = new SymbolAxis(label, names.toArray(new String[0]));
        axis.setLabelFont(LABEL);
        axis.setTickLabelFont(TICK);
        axis.setVerticalTickLabels(vertical);
        axis.setGridBandsVisible(false);
        axis.setAutoRange(false);
        axis.setRange(-0.5, Math.max(1, names.size()) - 0.5);
        return axis;
    }

    /** A dashed dark grey reference line at a value of the range axis, labelled. */
    static ValueMarker reference(double value, String label) {
        ValueMarker m = new ValueMarker(value, Color.DARK_GRAY,
                new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        if (!label.isEmpty()) {
            m.setLabel(label);
            m.setLabelFont(NOTE);
            m.setLabelPaint(Color.DARK_GRAY);
            m.setLabelBackgroundColor(Color.WHITE);
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        }
        return m;
    }

    /** Plain numbers with up to three decimals, the same in every locale. */
    static DecimalFormat plain() {
        return new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** A ratio for a cell: three significant figures, e.g. {@code 0.0381}, {@code 0.98}, {@code 26.3}. */
    static String ratio(double v) {
        if (Double.isInfinite(v)) {
            return "inf";
        }
        if (v == 0) {
            return "0";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return v >= 0.1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Black or white text, whichever reads better on a background. */
    static Color textOn(java.awt.Paint background) {
        if (!(background instanceof Color c)) {
            return Color.BLACK;
        }
        double luminance = 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
        return luminance < 128 ? Color.WHITE : Color.BLACK;
    }
}
