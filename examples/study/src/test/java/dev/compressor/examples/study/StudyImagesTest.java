package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class StudyImagesTest {

    @Test
    void imageIsTheChosenTestImageScaledAndRepeatedOverChannels() throws Exception {
        INDArray img = StudyImages.image(42, 224);
        assertArrayEquals(new long[] {1, 3, 224, 224}, img.shape());
        float[] source = FashionMnistData.fromClasspath().test().images(StudyImages.index(42, 10_000), 1)
                .data().asFloat();
        // 224 / 28 = 8: output pixel (y, x) shows source pixel (y / 8, x / 8) in every channel
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 224; y += 37) {
                for (int x = 0; x < 224; x += 29) {
                    assertEquals(source[(y / 8) * 28 + x / 8], img.getFloat(0, c, y, x), c + "," + y + "," + x);
                }
            }
        }
        assertTrue(img.maxNumber().floatValue() <= 1f && img.minNumber().floatValue() >= 0f);
        assertTrue(img.maxNumber().floatValue() > 0.5f, "a real image has bright pixels");
        assertEquals(img, StudyImages.image(42, 224), "same seed, same image");
        assertNotEquals(img, StudyImages.image(43, 224), "neighbouring seeds pick other images");
        assertArrayEquals(new long[] {1, 3, 299, 299}, StudyImages.image(7, 299).shape());
    }

    @Test
    void initialisationAndHeldOutImagesComeFromDisjointRanges() throws Exception {
        float[] test = FashionMnistData.fromClasspath().test().images(0, 10_000).data().asFloat();
        INDArray init = StudyImages.initImages(3, 28);
        assertArrayEquals(new long[] {3, 3, 28, 28}, init.shape());
        for (int n = 0; n < 3; n++) {
            assertEquals(test[n * 784 + 14 * 28 + 14], init.getFloat(n, 2, 14, 14), "init image " + n);
        }
        int start = StudyImages.index(42, 10_000 - StudyImages.INIT_RESERVED);
        INDArray held = StudyImages.heldOutImages(42, 0, 4, 28);
        INDArray later = StudyImages.heldOutImages(42, 2, 2, 28);
        for (int n = 0; n < 4; n++) {
            int index = StudyImages.INIT_RESERVED + (start + n) % (10_000 - StudyImages.INIT_RESERVED);
            assertTrue(index >= StudyImages.INIT_RESERVED && index < 10_000);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 28; y += 3) {
                    for (int x = 0; x < 28; x += 5) {
                        assertEquals(test[index * 784 + y * 28 + x], held.getFloat(n, c, y, x));
                    }
                }
            }
        }
        assertEquals(held.get(NDArrayIndex.interval(2, 4)), later,
                "positions 2 and 3 of the same sequence");
        // the sequence wraps around within the held-out range
        INDArray wrapped = StudyImages.heldOutImages(42, 9_000, 1, 28);
        assertEquals(held.get(NDArrayIndex.interval(0, 1)), wrapped);
        assertThrows(IllegalArgumentException.class, () -> StudyImages.initImages(StudyImages.INIT_RESERVED + 1, 28));
        assertThrows(IllegalArgumentException.class, () -> StudyImages.heldOutImages(1, -1, 1, 28));
    }

    @Test
    void indexStaysInRangeAndRejectsBadSizes() {
        for (long seed = -5; seed < 200; seed++) {
            int i = StudyImages.index(seed, 10_000);
            assertTrue(i >= 0 && i < 10_000, seed + " -> " + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyImages.image(1, 0));
        assertEquals("image size must be at least 1, is 0", e.getMessage());
    }
}
