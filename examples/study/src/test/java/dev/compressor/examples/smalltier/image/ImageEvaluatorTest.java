package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.compressor.examples.smalltier.data.ImageSplit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageEvaluatorTest {

    /** 12 one-pixel "images" whose pixel value is the label (0 to 5), 10 classes. */
    private static ImageSplit split() {
        int n = 12;
        float[] px = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 6;
            px[i] = labels[i];
        }
        return new ImageSplit(px, labels, 1, 1, 10);
    }

    /** Scores class c as -|c - (pixel + shift)|: the label ranks first when shift = 0, and so on. */
    private static INDArray scores(INDArray x, int shift) {
        int n = (int) x.size(0);
        float[] out = new float[n * 10];
        for (int i = 0; i < n; i++) {
            float target = x.getFloat(i, 0, 0, 0) + shift;
            for (int c = 0; c < 10; c++) {
                out[i * 10 + c] = -Math.abs(c - target) - 0.01f * c;
            }
        }
        return Nd4j.create(out, new long[] {n, 10}, DataType.FLOAT);
    }

    @Test
    void perfectClassifierScoresOne() {
        TopKAccuracy a = ImageEvaluator.evaluate(x -> scores(x, 0), split(), 5);
        assertEquals(1.0, a.top1());
        assertEquals(1.0, a.top5());
        assertEquals(12, a.examples());
    }

    @Test
    void shiftedClassifierIsRightInTopFiveOnly() {
        // target = label + 2 (at most 7, a valid class). The label l scores -2 - 0.01 l; exactly three
        // classes score higher: l+1 and l+3 (-1 - ...) and l+2 (0 - ...); l+4 scores -2 - 0.01(l+4),
        // lower. So the label ranks 4th: top-1 always wrong, top-5 always right.
        TopKAccuracy a = ImageEvaluator.evaluate(x -> scores(x, 2), split(), 4);
        assertEquals(0.0, a.top1());
        assertEquals(1.0, a.top5());
    }

    @Test
    void rankBreaksTiesLikeArgmaxAndNaNRanksLast() {
        float[] s = {0.5f, 0.5f, 0.1f};
        assertEquals(0, ImageEvaluator.rankOfLabel(s, 0, 3, 0));
        assertEquals(1, ImageEvaluator.rankOfLabel(s, 0, 3, 1));
        assertEquals(2, ImageEvaluator.rankOfLabel(s, 0, 3, 2));
        float[] nan = {Float.NaN, 0.2f, 0.1f};
        assertEquals(3, ImageEvaluator.rankOfLabel(nan, 0, 3, 0));
        assertEquals(1, ImageEvaluator.rankOfLabel(nan, 0, 3, 1));
    }

    @Test
    void rejectsWrongOutputShapesAndBatchSizes() {
        assertThrows(IllegalArgumentException.class, () -> ImageEvaluator.evaluate(x -> Nd4j.zeros(1, 10), split(), 5));
        assertThrows(IllegalArgumentException.class, () -> ImageEvaluator.evaluate(x -> scores(x, 0), split(), 0));
        assertThrows(IllegalArgumentException.class, () -> new TopKAccuracy(0.9, 0.8, 10));
    }
}
