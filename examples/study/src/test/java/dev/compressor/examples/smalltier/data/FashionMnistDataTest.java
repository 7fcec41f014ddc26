package dev.compressor.examples.smalltier.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class FashionMnistDataTest {

    @Test
    void committedSubsetHas20000TrainAndTheWholeBalancedTestSplit() throws IOException {
        FashionMnistData d = FashionMnistData.fromClasspath();
        assertEquals(FashionMnistData.SUBSET_TRAIN, d.train().size());
        assertEquals(10_000, d.test().size());
        int[] perClass = new int[10];
        for (int y : d.test().labels()) {
            perClass[y]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, perClass[c], "test examples of class " + c);
        }
        // Fashion-MNIST's first training label is 9 (ankle boot), the first test label too.
        assertEquals(9, d.train().label(0));
        assertEquals(9, d.test().label(0));
        INDArray img = d.test().images(0, 2);
        assertEquals(4, img.rank());
        assertEquals(28, img.size(3));
        assertTrue(img.maxNumber().doubleValue() <= 1.0 && img.minNumber().doubleValue() >= 0.0);
        assertTrue(d.source().startsWith("classpath subset"));
    }

    @Test
    void directorySourceNeedsAllFourFiles(@TempDir Path dir) throws IOException {
        assertFalse(FashionMnistData.installedDirectory(dir).isPresent());
        byte[] images = IdxReaderTest.gzip(IdxReaderTest.idx(new int[] {2, 28, 28}, new byte[2 * 784]));
        byte[] labels = IdxReaderTest.gzip(IdxReaderTest.idx(new int[] {2}, new byte[] {3, 7}));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), images);
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), labels);
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), images);
        assertFalse(FashionMnistData.installedDirectory(dir).isPresent());
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels);
        assertTrue(FashionMnistData.installedDirectory(dir).isPresent());
        FashionMnistData d = FashionMnistData.fromDirectory(dir);
        assertEquals(2, d.train().size());
        assertEquals(7, d.test().label(1));
        assertEquals(dir.toAbsolutePath().toString(), d.source());
    }

    @Test
    void mismatchedCountsAndBadLabelsAreRejected(@TempDir Path dir) throws IOException {
        byte[] images = IdxReaderTest.gzip(IdxReaderTest.idx(new int[] {2, 28, 28}, new byte[2 * 784]));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), images);
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), images);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxReaderTest.idx(new int[] {2}, new byte[] {0, 1}));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxReaderTest.idx(new int[] {3}, new byte[] {0, 1, 2}));
        IOException count = assertThrows(IOException.class, () -> FashionMnistData.fromDirectory(dir));
        assertTrue(count.getMessage().contains("labels for 2 images"), count.getMessage());
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxReaderTest.idx(new int[] {2}, new byte[] {0, 12}));
        IOException label = assertThrows(IOException.class, () -> FashionMnistData.fromDirectory(dir));
        assertTrue(label.getMessage().contains("label 12 of example 1"), label.getMessage());
    }

    @Test
    void splitSubsetsAndRangesAreChecked() throws IOException {
        ImageSplit s = new ImageSplit(new float[3 * 4], new int[] {0, 1, 2}, 2, 2, 3);
        assertEquals(2, s.first(2).size());
        assertThrows(IllegalArgumentException.class, () -> s.first(4));
        assertThrows(IllegalArgumentException.class, () -> s.images(2, 2));
        assertThrows(IllegalArgumentException.class, () -> new ImageSplit(new float[5], new int[] {0}, 2, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new ImageSplit(new float[4], new int[] {3}, 2, 2, 3));
        assertEquals(1f, s.oneHot(new int[] {2}).getFloat(0, 2));
    }
}
