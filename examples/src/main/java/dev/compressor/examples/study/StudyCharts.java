package dev.compressor.examples.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * PNG charts of the measured cells in the paper's style, drawn with Java2D (headless): one grouped bar
 * chart per metric (a group per network, a bar per setting: compression ratio, latency p50, energy
 * per inference, relative L2 error of the logits) and two scatter plots (relative error against
 * compression ratio; energy against latency); for the small tier, accuracy (image networks) or BLEU
 * (the translation model) against compression ratio. Failed cells and unknown values are left out.
 * Stateless.
 */
public final class StudyCharts {

    private static final int W = 1200;
    private static final int H = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 220;
    private static final int TOP = 50;
    private static final int BOTTOM = 110;

    private StudyCharts() {
    }

    /** A metric of a cell; NaN when unknown. */
    private record Metric(String file, String title, String unit, ToDoubleFunction<CellRecord> value) {
    }

    private static final List<Metric> BARS = List.of(
            new Metric("ratio.png", "Compression ratio vs fp32 DL4J file (zstd)", "x", r -> r.ratio("ZSTD")),
            new Metric("latency.png", "Latency p50, batch 1", "ms",
                    r -> r.latency() == null ? Double.NaN : r.latency().p50Nanos() / 1e6),
            new Metric("energy.png", "Energy per inference", "J",
                    r -> r.energy() == null ? Double.NaN : r.energy().joulesPerInference()),
            new Metric("fidelity.png", "Relative L2 error of the logits vs fp32", "",
                    r -> r.fidelity() == null ? Double.NaN : r.fidelity().relativeL2()));

    /**
     * Writes the charts into a folder (created if missing), overwriting files of the same names.
     *
     * @param records the cells
     * @param outDir the folder
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(List<CellRecord> records, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(outDir);
        List<CellRecord> ok = records.stream().filter(CellRecord::ok).toList();
        List<Path> written = new ArrayList<>();
        for (Metric m : BARS) {
            written.add(save(bars(ok, m), outDir.resolve(m.file())));
        }
        written.add(save(scatter(ok, BARS.get(0), BARS.get(3)), outDir.resolve("fidelity-vs-ratio.png")));
        written.add(save(scatter(ok, BARS.get(1), BARS.get(2)), outDir.resolve("energy-vs-latency.png")));
        return written;
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
     * Writes one chart per small-tier network (one per family): top-1 accuracy on real data against
     * the compression ratio (fp32 DL4J file over the zstd artifact), a point per setting, the fp32
     * top-1 as a grey line. Cells without accuracy and failed cells are left out.
     *
     * @param records the cells (other tiers are ignored)
     * @param outDir the folder, created if missing
     * @return the files written, one per network with a measured cell
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writeAccuracy(List<CellRecord> records, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<CellRecord> ok = records.stream().filter(r -> r.ok() && r.accuracy() != null).toList();
        List<Path> written = new ArrayList<>();
        if (ok.isEmpty()) {
            return written;
        }
        Files.createDirectories(outDir);
        Metric ratio = BARS.get(0);
        for (String n : new LinkedHashSet<>(ok.stream().map(r -> r.key().network()).toList())) {
            List<CellRecord> cells = ok.stream().filter(r -> r.key().network().equals(n)).toList();
            Metric top1 = new Metric("", n + ": top-1 on Fashion-MNIST test", "", r -> r.accuracy().top1());
            BufferedImage img = scatter(cells, ratio, top1, 1.0);
            double fp32 = cells.get(0).accuracy().fp32Top1();
            baseline(img, fp32, 1.0, String.format(Locale.ROOT, "fp32 %.4f", fp32));
            written.add(save(img, outDir.resolve(accuracyChartName(n))));
        }
        return written;
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
     * compression ratio (fp32 DL4J file over the zstd artifact), a point per setting, the fp32 BLEU as
     * a dashed grey line and the copy-the-source baseline as a dotted one. Failed cells are left out.
     *
     * @param records the cells (cells without a translation block are ignored)
     * @param outDir the folder, created if missing
     * @return the files written, one per network with a measured cell
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writeBleu(List<CellRecord> records, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<CellRecord> ok = records.stream().filter(r -> r.ok() && r.translation() != null).toList();
        List<Path> written = new ArrayList<>();
        if (ok.isEmpty()) {
            return written;
        }
        Files.createDirectories(outDir);
        for (String n : new LinkedHashSet<>(ok.stream().map(r -> r.key().network()).toList())) {
            List<CellRecord> cells = ok.stream().filter(r -> r.key().network().equals(n)).toList();
            CellRecord.Translation first = cells.get(0).translation();
            double maxY = Math.max(first.fp32Bleu(), first.copyBaselineBleu());
            for (CellRecord c : cells) {
                maxY = Math.max(maxY, c.translation().bleu());
            }
            maxY = maxY > 0 ? maxY : 1;
            Metric bleu = new Metric("", n + ": BLEU on the test pairs", "", r -> r.translation().bleu());
            BufferedImage img = scatter(cells, BARS.get(0), bleu, maxY);
            baseline(img, first.fp32Bleu(), maxY, String.format(Locale.ROOT, "fp32 %.2f", first.fp32Bleu()));
            baseline(img, first.copyBaselineBleu(), maxY,
                    String.format(Locale.ROOT, "copy source %.2f", first.copyBaselineBleu()));
            written.add(save(img, outDir.resolve(bleuChartName(n))));
        }
        return written;
    }

    /** Draws a dashed horizontal reference line at {@code value} on a scatter plot of y range {@code maxY} (before its 5 % margin). */
    private static void baseline(BufferedImage img, double value, double maxY, String label) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int plotH = H - TOP - BOTTOM;
        int y = TOP + plotH - (int) Math.round(plotH * value / (maxY * 1.05));
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(LEFT, y, W - RIGHT, y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(label, W - RIGHT - 110, y - 4);
        g.dispose();
    }

    private static BufferedImage bars(List<CellRecord> cells, Metric m) {
        List<String> networks = new ArrayList<>(new LinkedHashSet<>(cells.stream().map(r -> r.key().network()).toList()));
        List<String> settings = new ArrayList<>(new LinkedHashSet<>(cells.stream().map(r -> r.key().setting()).toList()));
        double max = cells.stream().mapToDouble(m.value()).filter(Double::isFinite).max().orElse(1);
        max = max > 0 ? max * 1.05 : 1;
        BufferedImage img = canvas();
        Graphics2D g = img.createGraphics();
        frame(g, m.title() + (m.unit().isEmpty() ? "" : " (" + m.unit() + ")"), max, "");
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        double groupW = networks.isEmpty() ? plotW : (double) plotW / networks.size();
        double barW = Math.max(1, (groupW * 0.8) / Math.max(1, settings.size()));
        for (int n = 0; n < networks.size(); n++) {
            double x0 = LEFT + n * groupW + groupW * 0.1;
            for (CellRecord r : cells) {
                if (!r.key().network().equals(networks.get(n))) {
                    continue;
                }
                double v = m.value().applyAsDouble(r);
                if (!Double.isFinite(v)) {
                    continue;
                }
                int s = settings.indexOf(r.key().setting());
                int h = (int) Math.round(plotH * Math.max(0, v) / max);
                g.setColor(color(s, settings.size()));
                g.fillRect((int) (x0 + s * barW), TOP + plotH - h, (int) Math.max(1, barW - 1), h);
            }
            g.setColor(Color.BLACK);
            g.drawString(networks.get(n), (int) (x0), H - BOTTOM + 18 + (n % 2) * 16);
        }
        legend(g, settings);
        g.dispose();
        return img;
    }

    private static BufferedImage scatter(List<CellRecord> cells, Metric x, Metric y) {
        return scatter(cells, x, y, Double.NaN);
    }

    /** A scatter plot; {@code fixedMaxY} (before the 5 % margin) or NaN for the data's maximum. */
    private static BufferedImage scatter(List<CellRecord> cells, Metric x, Metric y, double fixedMaxY) {
        double maxX = cells.stream().mapToDouble(x.value()).filter(Double::isFinite).max().orElse(1);
        double maxY = Double.isNaN(fixedMaxY)
                ? cells.stream().mapToDouble(y.value()).filter(Double::isFinite).max().orElse(1) : fixedMaxY;
        maxX = maxX > 0 ? maxX * 1.05 : 1;
        maxY = maxY > 0 ? maxY * 1.05 : 1;
        List<String> settings = new ArrayList<>(new LinkedHashSet<>(cells.stream().map(r -> r.key().setting()).toList()));
        BufferedImage img = canvas();
        Graphics2D g = img.createGraphics();
        frame(g, y.title() + "  /  " + x.title(), maxY,
                "x: " + x.title() + (x.unit().isEmpty() ? "" : " (" + x.unit() + ")") + "; y: " + y.title()
                        + (y.unit().isEmpty() ? "" : " (" + y.unit() + ")"));
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        for (int i = 0; i <= 5; i++) {
            g.drawString(String.format(Locale.ROOT, "%.3g", maxX * i / 5), LEFT + plotW * i / 5 - 10, TOP + plotH + 18);
        }
        for (CellRecord r : cells) {
            double vx = x.value().applyAsDouble(r);
            double vy = y.value().applyAsDouble(r);
            if (!Double.isFinite(vx) || !Double.isFinite(vy)) {
                continue;
            }
            int px = LEFT + (int) Math.round(plotW * Math.max(0, vx) / maxX);
            int py = TOP + plotH - (int) Math.round(plotH * Math.max(0, vy) / maxY);
            g.setColor(color(settings.indexOf(r.key().setting()), settings.size()));
            g.fillOval(px - 5, py - 5, 10, 10);
        }
        legend(g, settings);
        g.dispose();
        return img;
    }

    private static BufferedImage canvas() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.dispose();
        return img;
    }

    private static void frame(Graphics2D g, String title, double maxY, String xLabel) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, TOP - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int plotH = H - TOP - BOTTOM;
        g.setStroke(new BasicStroke(1));
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - plotH * i / 5;
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT, y, W - RIGHT, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.3g", maxY * i / 5), 8, y + 4);
        }
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawLine(LEFT, TOP + plotH, W - RIGHT, TOP + plotH);
        if (!xLabel.isEmpty()) {
            g.drawString(xLabel, LEFT, H - 20);
        }
    }

    private static void legend(Graphics2D g, List<String> settings) {
        int x = W - RIGHT + 20;
        for (int i = 0; i < settings.size(); i++) {
            int y = TOP + i * 18;
            g.setColor(color(i, settings.size()));
            g.fillRect(x, y, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(settings.get(i), x + 18, y + 11);
        }
    }

    private static Color color(int i, int n) {
        return Color.getHSBColor((float) i / Math.max(1, n), 0.65f, i % 2 == 0 ? 0.85f : 0.6f);
    }

    private static Path save(BufferedImage img, Path file) throws IOException {
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
        return file;
    }
}
