package dev.compressor.quant.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeans1DTest {

    @Test
    void findsSeparatedClusters() {
        Random rnd = new Random(3);
        float[] d = new float[30_000];
        float[] centres = {-1f, 0f, 2f};
        for (int i = 0; i < d.length; i++) {
            d[i] = centres[i % 3] + (float) rnd.nextGaussian() * 0.01f;
        }
        float[] book = KMeans1D.fit(d, 3, 100);
        assertEquals(3, book.length);
        for (int j = 0; j < 3; j++) {
            assertEquals(centres[j], book[j], 2e-3);
        }
    }

    @Test
    void codebookIsSortedDistinctAndAssignmentIsNearest() {
        Random rnd = new Random(4);
        float[] d = new float[50_001];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextGaussian() * Math.exp(rnd.nextGaussian()));
        }
        for (int k : new int[] {4, 32, 256}) {
            float[] book = KMeans1D.fit(d, k, 50);
            assertTrue(book.length <= k);
            for (int j = 1; j < book.length; j++) {
                assertTrue(book[j] > book[j - 1]);
            }
            int[] idx = new int[d.length];
            KMeans1D.assigner(book).assign(d, 0, d.length, idx, 0, false);
            for (int i = 0; i < d.length; i += 7) {
                double best = Double.MAX_VALUE;
                for (float c : book) {
                    best = Math.min(best, Math.abs(d[i] - c));
                }
                assertEquals(best, Math.abs(d[i] - book[idx[i]]), 1e-7, "value " + d[i]);
            }
        }
        assertArrayEquals(new float[] {0.5f}, KMeans1D.fit(new float[] {0.5f, 0.5f, 0.5f}, 32, 10));
    }

    @Test
    void lloydReducesErrorBelowTheUniformGrid() {
        Random rnd = new Random(6);
        float[] d = new float[100_000];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rnd.nextGaussian();
        }
        float[] book = KMeans1D.fit(d, 32, 100);
        float[] uniform = KMeans1D.fit(d, 32, 1); // one pass from the linear initialisation
        assertTrue(noise(d, book) < 0.6 * noise(d, KMeans1DTest.linear(d, 32)));
        assertTrue(noise(d, book) <= noise(d, uniform));
    }

    private static float[] linear(float[] d, int k) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : d) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] c = new float[k];
        for (int j = 0; j < k; j++) {
            c[j] = min + (max - min) * j / (k - 1);
        }
        return c;
    }

    private static double noise(float[] d, float[] book) {
        float[] s = KMeans1D.assigner(book).snap(d);
        double n = 0;
        for (int i = 0; i < d.length; i++) {
            n += (double) (d[i] - s[i]) * (d[i] - s[i]);
        }
        return n;
    }

    @Test
    void indicesPackedWhileSnappingGiveTheSameBlob() {
        Random rnd = new Random(10);
        float[] d = new float[20_003];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rnd.nextGaussian();
        }
        float[] book = KMeans1D.fit(d, 32, 30);
        KMeans1D.Snapped s = KMeans1D.assigner(book).snap(d, 5);
        TensorLayout layout = TensorLayout.vector(d.length);
        byte[] cached = new CodebookEncoder(5, book, "k", s.values(), s.packed()).encode(new FloatTensor(layout,
                s.values()));
        byte[] fresh = new CodebookEncoder(5, book, "k").encode(new FloatTensor(layout, s.values()));
        byte[] copy = new CodebookEncoder(5, book, "k", s.values(), s.packed()).encode(new FloatTensor(layout,
                s.values().clone()));
        assertArrayEquals(fresh, cached);
        assertArrayEquals(fresh, copy, "another array with the same values takes the general path");
        assertArrayEquals(KMeans1D.assigner(book).snap(d), s.values());
    }

    @Test
    void codebookEncodingRoundTripsExactlyAndRejectsCorruption() throws CorruptTensorException {
        Random rnd = new Random(8);
        TensorLayout layout = TensorLayout.of('c', 13, 17);
        float[] d = new float[layout.length()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rnd.nextGaussian();
        }
        for (int bits = 2; bits <= 8; bits++) {
            float[] book = KMeans1D.fit(d, 1 << bits, 50);
            float[] snapped = KMeans1D.assigner(book).snap(d);
            byte[] blob = new CodebookEncoder(bits, book, "k").encode(new FloatTensor(layout, snapped));
            float[] back = new float[d.length];
            TensorEncodings.installed().decode(CodebookEncoding.ID, 1, ByteBuffer.wrap(blob), layout, back, 0);
            assertArrayEquals(snapped, back, "bits " + bits);
        }
        float[] book = {-1f, 0f, 1f};
        byte[] blob = new CodebookEncoder(2, book, "k").encode(new FloatTensor(TensorLayout.vector(4),
                new float[] {1f, 0f, -1f, 1f}));
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class, () -> new CodebookEncoder(2, book,
                "k").encode(new FloatTensor(TensorLayout.vector(2), new float[] {1f, 0.5f})));
        assertTrue(off.getMessage().contains("value 0.5 at index 1 is not in this encoder's codebook"));
        byte[] badIndex = blob.clone();
        badIndex[badIndex.length - 1] = (byte) 0xFF; // index 3 with a codebook of 3
        assertCorrupt(badIndex, "index 3 beyond its 3 centroids");
        byte[] unsorted = blob.clone();
        ByteBuffer.wrap(unsorted).order(ByteOrder.LITTLE_ENDIAN).putFloat(8, 5f);
        assertCorrupt(unsorted, "strictly increasing");
        byte[] tooMany = blob.clone();
        ByteBuffer.wrap(tooMany).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 5);
        assertCorrupt(tooMany, "k 5");
    }

    private static void assertCorrupt(byte[] blob, String expected) {
        CorruptTensorException e = assertThrows(CorruptTensorException.class, () -> TensorEncodings.installed()
                .decode(CodebookEncoding.ID, 1, ByteBuffer.wrap(blob), TensorLayout.vector(4), new float[4], 0));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void valuesWithAtMostKDistinctValuesAreTheirOwnCodebook() {
        float a = 0.3f;
        float b = Math.nextUp(a);   // adjacent floats: their midpoint rounds onto one of them
        float[] d = {b, -1.5f, a, 2f, a, -1.5f, b, -0f, 0f};
        float[] own = KMeans1D.distinctAtMost(d, 6);
        assertArrayEquals(new float[] {-1.5f, -0f, 0f, a, b, 2f}, own, "sorted, by bit pattern");
        assertArrayEquals(own, KMeans1D.fit(d, 6, 100), "fit returns them unclustered");
        assertEquals(null, KMeans1D.distinctAtMost(d, 5), "one too many distinct values");
        assertEquals(null, KMeans1D.distinctAtMost(new float[] {1f, Float.NaN}, 4), "not finite");
        assertEquals(null, KMeans1D.distinctAtMost(new float[0], 4), "empty");

        KMeans1D.Snapped exact = KMeans1D.assigner(own).snap(d, 3, true);
        for (int i = 0; i < d.length; i++) {
            assertEquals(Float.floatToRawIntBits(d[i]), Float.floatToRawIntBits(exact.values()[i]), "value " + i);
        }
        float[] nearest = KMeans1D.assigner(own).snap(d, 3, false).values();
        assertTrue(Float.floatToRawIntBits(nearest[0]) != Float.floatToRawIntBits(b)
                || Float.floatToRawIntBits(nearest[8]) != Float.floatToRawIntBits(0f),
                "nearest-centroid snapping alone would move a value onto its neighbour");
    }
}
