package dev.compressor.examples.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * A chart and the PNG file it is saved as. Not thread-safe (a JFreeChart is mutable); save it once.
 *
 * @param file the file name, e.g. {@code latency.png}
 * @param chart the chart
 * @param width width in pixels
 * @param height height in pixels
 */
record ChartFile(String file, JFreeChart chart, int width, int height) {

    ChartFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(chart, "chart");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
    }

    /** Returns the chart's title text. */
    String title() {
        return chart.getTitle() == null ? "" : chart.getTitle().getText();
    }

    /**
     * Writes the PNG into a folder, overwriting a file of the same name.
     *
     * @param dir an existing folder
     * @return the file written
     * @throws IOException if it cannot be written
     */
    Path save(Path dir) throws IOException {
        Path out = dir.resolve(file);
        ChartUtils.saveChartAsPNG(out.toFile(), chart, width, height);
        return out;
    }
}
