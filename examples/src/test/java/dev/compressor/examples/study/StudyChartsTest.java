package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyChartsTest {

    @TempDir
    Path dir;

    @Test
    void writesReadablePngsWithBarsDrawn() throws Exception {
        List<CellRecord> records = List.of(Records.ok("resnet50", "fp32"), Records.ok("vgg16", "fp16"),
                CellRecord.failed(new CellKey("vgg16", "int4", "full"), "x"));
        List<Path> files = StudyCharts.write(records, dir);
        assertEquals(6, files.size());
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertNotNull(img, f.toString());
            assertEquals(1200, img.getWidth());
            assertEquals(600, img.getHeight());
        }
        BufferedImage ratio = ImageIO.read(dir.resolve("ratio.png").toFile());
        // the ratio of both cells is 10000/3900 = the maximum, so a full-height bar stands in the plot area
        int coloured = 0;
        for (int x = 90; x < 1200 - 220; x++) {
            int rgb = ratio.getRGB(x, 600 - 110 - 200) & 0xFFFFFF;
            int r = rgb >> 16;
            int g = (rgb >> 8) & 0xFF;
            int b = rgb & 0xFF;
            if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                coloured++;
            }
        }
        assertTrue(coloured > 20, "coloured pixels across the plot: " + coloured);
    }
}
