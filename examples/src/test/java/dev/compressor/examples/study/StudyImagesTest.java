package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

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
    void indexStaysInRangeAndRejectsBadSizes() {
        for (long seed = -5; seed < 200; seed++) {
            int i = StudyImages.index(seed, 10_000);
            assertTrue(i >= 0 && i < 10_000, seed + " -> " + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyImages.image(1, 0));
        assertEquals("image size must be at least 1, is 0", e.getMessage());
    }
}
