package dev.compressor.examples.advise;

import dev.compressor.examples.smalltier.data.ImageSplit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes real Fashion-MNIST test images as files a user would have: PNG files per class, and a CSV file. */
final class FashionMnistFiles {

    /** Class folder names; they sort in label order, as ParentPathLabelGenerator numbers them. */
    static final String[] CLASSES = {"0-t-shirt", "1-trouser", "2-pullover", "3-dress", "4-coat", "5-sandal",
        "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot"};

    private FashionMnistFiles() {
    }

    /** The pixel bytes of image i, recovered exactly from the split's values (b / 255f). */
    static byte[] pixels(ImageSplit split, int i) {
        float[] v = split.images(i, 1).data().asFloat();
        byte[] b = new byte[v.length];
        for (int k = 0; k < v.length; k++) {
            b[k] = (byte) Math.round(v[k] * 255f);
        }
        return b;
    }

    /** Writes images 0..n-1 as 8-bit grey PNG files into dir/CLASS/NNNNN.png (no class folders if flat). */
    static void writePngs(ImageSplit split, int n, Path dir, boolean flat) throws IOException {
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(split.width(), split.height(), BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setDataElements(0, 0, split.width(), split.height(), pixels(split, i));
            Path folder = flat ? dir : dir.resolve(CLASSES[split.label(i)]);
            Files.createDirectories(folder);
            if (!ImageIO.write(img, "png", folder.resolve(String.format("%05d.png", i)).toFile())) {
                throw new IOException("no PNG writer");
            }
        }
    }

    /** Writes images 0..n-1 as CSV rows, a header, then label (column 0) and 784 values as the model takes them. */
    static void writeCsv(ImageSplit split, int n, Path file, boolean withLabels) throws IOException {
        StringBuilder sb = new StringBuilder(withLabels ? "label" : "");
        for (int k = 0; k < split.height() * split.width(); k++) {
            sb.append(sb.length() == 0 ? "" : ",").append("px").append(k);
        }
        sb.append('\n');
        for (int i = 0; i < n; i++) {
            float[] v = split.images(i, 1).data().asFloat();
            if (withLabels) {
                sb.append(split.label(i));
            }
            for (int k = 0; k < v.length; k++) {
                sb.append(k == 0 && !withLabels ? "" : ",").append(v[k]);
            }
            sb.append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
