package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code study run --data DIR}: the full-size tier's fidelity measured on a user's images (decoded as
 * RGB, resized, in [0, 1]); bad folders are refused before any child starts; a result file measured
 * on other images is not resumed into.
 */
class StudyRunOwnImagesTest {

    @TempDir
    Path dir;

    /** Writes n colourful 40x30 images (not the network's 32x32: they are resized) as PNG and JPEG. */
    private Path images(String name, int n) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name).resolve("some-class"));
        Random r = new Random(n);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    img.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | r.nextInt(256));
                }
            }
            ImageIO.write(img, i % 2 == 0 ? "png" : "jpg", d.resolve("img" + i + (i % 2 == 0 ? ".png" : ".jpg")).toFile());
        }
        return d.getParent();
    }

    @Test
    void heldOutImagesComeFromTheFolderNamedByTheProperty() throws Exception {
        Path folder = images("unit", 5);
        INDArray committed = StudyImages.heldOutImages(42, 0, 3, 32);
        System.setProperty(FidelityImageFolder.PROPERTY, folder.toString());
        try {
            INDArray own = StudyImages.heldOutImages(42, 0, 3, 32);
            assertEquals(List.of(3L, 3L, 32L, 32L), List.of(own.size(0), own.size(1), own.size(2), own.size(3)));
            assertNotEquals(committed, own);
            FidelityImageFolder f = FidelityImageFolder.scan(folder);
            int start = StudyImages.index(42, 5);
            for (int n = 0; n < 3; n++) {
                byte[] px = dev.compressor.examples.smalltier.data.ImageDecoder.decode(
                        f.layout().files().get((start + n) % 5),
                        new dev.compressor.examples.smalltier.data.ImageShape(3, 32, 32), false);
                assertEquals((px[32 * 32 + 5 * 32 + 7] & 0xff) / 255f, own.getFloat(n, 1, 5, 7), 0,
                        "image " + n + ", green channel");
            }
            assertEquals(StudyImages.heldOutImages(42, 1, 2, 32), StudyImages.heldOutImages(42, 1, 2, 32));
        } finally {
            System.clearProperty(FidelityImageFolder.PROPERTY);
        }
    }

    @Test
    void theFullTierMeasuresFidelityOnTheUsersImagesAndWillNotMixThem() throws Exception {
        Path folder = images("own", 6);
        String[] cell = {"--networks", "tiny_cnn", "--settings", "int4", "--warmup", "1", "--iterations", "3",
            "--fidelity-images", "4", "--jvm-arg=-Xmx768m", "--no-report"};
        Path own = dir.resolve("out-own");
        Path committed = dir.resolve("out-committed");
        String printed = capture(() -> assertEquals(0, StudyCli.execute(concat(cell, "--data", folder.toString(),
                "--out", own.toString()))));
        assertTrue(printed.contains("fidelity images: 4 of " + folder.toAbsolutePath() + ": 1 class folders, 6 images"),
                printed);
        assertEquals(0, StudyCli.execute(concat(cell, "--out", committed.toString())));
        CellRecord a = ResultStore.read(own.resolve(StudyCli.RESULTS)).get(0);
        CellRecord b = ResultStore.read(committed.resolve(StudyCli.RESULTS)).get(0);
        assertTrue(a.ok() && b.ok(), a.error() + " / " + b.error());
        assertEquals(4, a.fidelity().positions());
        assertNotEquals(a.fidelity().relativeL2(), b.fidelity().relativeL2(), "other images, other logits");
        assertEquals(folder.toAbsolutePath().normalize() + "\n",
                Files.readString(own.resolve(FidelityDataMark.FILE)));
        // resuming the committed-image results with the user's images (or the other way round) is refused
        String err = captureErr(() -> assertEquals(2, StudyCli.execute(concat(cell, "--data", folder.toString(),
                "--out", committed.toString()))));
        assertTrue(err.contains("holds cells whose fidelity was measured on committed Fashion-MNIST test images"),
                err);
        assertEquals(2, StudyCli.execute(concat(cell, "--out", own.toString())));
    }

    @Test
    void badFoldersAreRefusedBeforeAnyChildStarts() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("never");
        String err = captureErr(() -> assertEquals(2, StudyCli.execute("run", "--networks", "tiny_cnn", "--settings",
                "fp32", "--data", empty.toString(), "--out", out.toString())));
        assertTrue(err.contains("data folder " + empty + " is empty"), err);
        Path few = images("few", 3);
        err = captureErr(() -> assertEquals(2, StudyCli.execute("run", "--networks", "tiny_cnn", "--settings", "fp32",
                "--data", few.toString(), "--fidelity-images", "4", "--out", out.toString())));
        assertTrue(err.contains("has 3 images, fewer than the 4 fidelity images"), err);
        Path broken = images("broken", 4);
        Path jpg = broken.resolve("some-class").resolve("img1.jpg");
        byte[] whole = Files.readAllBytes(jpg);
        Files.write(jpg, java.util.Arrays.copyOf(whole, 20));
        err = captureErr(() -> assertEquals(2, StudyCli.execute("run", "--networks", "tiny_cnn", "--settings", "fp32",
                "--data", broken.toString(), "--fidelity-images", "4", "--out", out.toString())));
        assertTrue(err.contains(jpg + ": damaged image"), err);
        assertFalse(Files.exists(out.resolve(StudyCli.RESULTS)), "nothing measured");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new java.util.ArrayList<>(List.of("run"));
        all.addAll(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    private static String capture(Runnable r) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String captureErr(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
