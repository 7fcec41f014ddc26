package dev.compressor.examples.smalltier.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders read with javax.imageio: labels, order, channels, scaling, resizing, damaged files. */
class ImageFolderDataTest {

    @TempDir
    Path dir;

    /** A 4x2 (width x height) RGB image: red 200, green 10 * x, blue 50 + y. */
    private Path writeRgb(Path file) throws Exception {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, 200 << 16 | (10 * x) << 8 | (50 + y));
            }
        }
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, "png", file.toFile()));
        return file;
    }

    @Test
    void classFoldersAreNumberedInStringOrderAsDataVecDoesAndTakenRoundRobin() throws Exception {
        // DataVec's ParentPathLabelGenerator + ImageRecordReader sort labels by String order: "Zeta" < "alpha"
        for (String c : List.of("alpha", "Zeta", "beta")) {
            for (int i = 0; i < (c.equals("beta") ? 1 : 2); i++) {
                writeRgb(dir.resolve(c).resolve("img" + i + ".png"));
            }
        }
        Files.writeString(dir.resolve(".DS_Store"), "ignored");
        ImageFolderLayout layout = ImageFolderLayout.scan(dir);
        assertEquals(List.of("Zeta", "alpha", "beta"), layout.classNames());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1}, layout.labels(), "round-robin over the classes");
        assertEquals(dir.resolve("Zeta").resolve("img1.png"), layout.files().get(3));
        ImageFolderData d = ImageFolderData.read(dir, new ImageShape(3, 2, 4), PixelScaling.UNIT, false, 2);
        assertEquals(2, d.size());
        assertEquals(1, d.label(1));
        assertTrue(d.source().contains("3 class folders; 2 of 5 images as 3x2x4, RGB, [0, 1]"), d.source());
    }

    @Test
    void channelsComeInRgbOrBgrOrderScaledAndNormalised() throws Exception {
        Path f = writeRgb(dir.resolve("flat").resolve("a.png"));
        ImageShape shape = new ImageShape(3, 2, 4);
        float[] rgb = ImageFolderData.read(f.getParent(), shape, PixelScaling.UNIT, false, 10).features(0, 1)
                .data().asFloat();
        assertEquals(200 / 255f, rgb[0], 0);                // R plane first
        assertEquals(30 / 255f, rgb[8 + 3], 0);             // G at x = 3
        assertEquals(51 / 255f, rgb[16 + 4], 0);            // B at y = 1
        float[] bgr = ImageFolderData.read(f.getParent(), shape, new PixelScaling(true, null, null, true), false, 10)
                .features(0, 1).data().asFloat();
        assertEquals(51f, bgr[4], 0);                       // B plane first, 0-255
        assertEquals(200f, bgr[16], 0);
        PixelScaling norm = new PixelScaling(false, new float[] {0.5f, 0f, 0f}, new float[] {0.25f, 1f, 1f}, true);
        float[] n = ImageFolderData.read(f.getParent(), shape, norm, false, 10).features(0, 1).data().asFloat();
        assertEquals((200 / 255f - 0.5f) / 0.25f, n[16], 1e-6, "R normalised with R's mean and std in BGR order");
        assertFalse(ImageFolderData.read(f.getParent(), shape, PixelScaling.UNIT, false, 10).labelled());
    }

    @Test
    void greyAndColourAreConvertedAndOtherSizesResized() throws Exception {
        Path f = writeRgb(dir.resolve("one").resolve("a.png"));
        byte[] grey = ImageDecoder.decode(f, new ImageShape(1, 2, 4), false);
        assertEquals(Math.round(0.299 * 200 + 0.587 * 30 + 0.114 * 50), grey[3] & 0xff);
        BufferedImage g = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setDataElements(0, 0, 2, 2, new byte[] {0, 100, (byte) 200, (byte) 255});
        Path gf = dir.resolve("g.png");
        ImageIO.write(g, "png", gf.toFile());
        byte[] three = ImageDecoder.decode(gf, new ImageShape(3, 2, 2), false);
        assertArrayEquals(new byte[] {0, 100, (byte) 200, (byte) 255, 0, 100, (byte) 200, (byte) 255, 0, 100,
            (byte) 200, (byte) 255}, three, "grey samples repeated, not passed through sRGB");
        byte[] big = ImageDecoder.decode(gf, new ImageShape(1, 4, 4), false);
        assertEquals(0, big[0]);
        assertEquals(255, big[15] & 0xff);
        assertEquals(25, big[1] & 0xff, "bilinear with pixel centres aligned: 0.25 of the way to 100");
    }

    @Test
    void aJpegCutInsideItsImageDataIsRejectedNotGreyFilled() throws Exception {
        BufferedImage img = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(1);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        Path jpeg = dir.resolve("noise.jpg");
        assertTrue(ImageIO.write(img, "jpg", jpeg.toFile()));
        byte[] whole = Files.readAllBytes(jpeg);
        Files.write(jpeg, Arrays.copyOf(whole, whole.length * 3 / 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageDecoder.decode(jpeg, new ImageShape(3, 200, 200), false));
        assertTrue(e.getMessage().startsWith(jpeg + ": damaged image"), e.getMessage());
        Path text = dir.resolve("fake.png");
        Files.writeString(text, "not a picture");
        e = assertThrows(IllegalArgumentException.class, () -> ImageDecoder.decode(text, new ImageShape(1, 2, 2), false));
        assertTrue(e.getMessage().startsWith(text + ": not an image"), e.getMessage());
    }

    @Test
    void layoutsThatDoNotFitTheConventionAreNamed() throws Exception {
        writeRgb(dir.resolve("cat").resolve("a.png"));
        writeRgb(dir.resolve("b.png"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolderLayout.scan(dir));
        assertTrue(e.getMessage().contains("holds both class folders (cat) and images (b.png)"), e.getMessage());
        Files.delete(dir.resolve("b.png"));
        Files.createDirectories(dir.resolve("dog"));
        e = assertThrows(IllegalArgumentException.class, () -> ImageFolderLayout.scan(dir));
        assertTrue(e.getMessage().contains("class folder " + dir.resolve("dog") + " holds no images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageFolderLayout.scan(dir.resolve("none")));
        assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
        assertEquals("3x224x224", ImageShape.parse(" 3X224x224 ").toString());
        e = assertThrows(IllegalArgumentException.class, () -> ImageShape.parse("2x28x28"));
        assertTrue(e.getMessage().contains("1 (grey) or 3 (colour) channels, got 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PixelScaling(false, new float[] {0.5f}, null, false));
        assertTrue(e.getMessage().contains("give --mean and --std together"), e.getMessage());
    }
}
