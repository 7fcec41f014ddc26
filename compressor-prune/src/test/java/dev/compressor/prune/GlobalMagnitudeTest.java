package dev.compressor.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlobalMagnitudeTest {

    /** The reference: sort (magnitude, tensor, index) and prune the first k still kept. */
    static long[][] reference(float[][] data, long[][] prior, long r) {
        List<long[]> all = new ArrayList<>();
        for (int t = 0; t < data.length; t++) {
            for (int i = 0; i < data[t].length; i++) {
                if ((prior[t][i >>> 6] & (1L << i)) != 0) {
                    all.add(new long[] {Float.floatToRawIntBits(data[t][i]) & 0x7fffffff, t, i});
                }
            }
        }
        all.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        long[][] keep = new long[data.length][];
        for (int t = 0; t < data.length; t++) {
            keep[t] = prior[t].clone();
        }
        for (int j = 0; j < r; j++) {
            long[] e = all.get(j);
            keep[(int) e[1]][(int) (e[2] >>> 6)] &= ~(1L << e[2]);
        }
        return keep;
    }

    static float[][] tensors(long seed, int quantLevels, int... sizes) {
        Random rnd = new Random(seed);
        float[][] d = new float[sizes.length][];
        for (int t = 0; t < sizes.length; t++) {
            d[t] = new float[sizes[t]];
            float scale = (float) Math.pow(10, -rnd.nextInt(3));
            for (int i = 0; i < sizes[t]; i++) {
                float v = (float) rnd.nextGaussian() * scale;
                d[t][i] = quantLevels > 0 ? Math.round(v * quantLevels) / (float) quantLevels : v;
            }
        }
        return d;
    }

    static long[][] priors(float[][] d, double density, long seed) {
        Random rnd = new Random(seed);
        long[][] p = new long[d.length][];
        for (int t = 0; t < d.length; t++) {
            boolean[] keep = new boolean[d[t].length];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = rnd.nextDouble() < density;
            }
            p[t] = Mask.of(keep).toBits();
        }
        return p;
    }

    @Test
    void agreesWithSortingOnRandomTensorsWithAndWithoutTiesAndPriors() {
        for (int seed = 0; seed < 12; seed++) {
            int levels = seed % 3 == 0 ? 16 : 0; // many exact ties when quantized
            float[][] d = tensors(seed, levels, 3000, 70_001, 129, 20_000);
            long[][] p = priors(d, seed % 2 == 0 ? 1.0 : 0.6, seed);
            long kept = Arrays.stream(p).flatMapToLong(Arrays::stream).map(Long::bitCount).sum();
            for (double q : new double[] {0.01, 0.5, 0.93}) {
                long r = (long) (q * kept);
                long[][] expected = reference(d, p, r);
                long[][] fast = MagnitudeSelection.prune(d, p, r);
                long[][] exactPath = MagnitudeSelection.prune(d, p, r, 0); // forces the histogram fallback
                for (int t = 0; t < d.length; t++) {
                    assertArrayEquals(expected[t], fast[t], "seed " + seed + " q " + q + " tensor " + t);
                    assertArrayEquals(expected[t], exactPath[t], "fallback seed " + seed + " q " + q + " tensor " + t);
                }
            }
        }
    }

    @Test
    void allEqualValuesPruneInFlatOrder() {
        float[][] d = {new float[1000], new float[1000]};
        Arrays.fill(d[0], 0.5f);
        Arrays.fill(d[1], 0.5f);
        List<Mask> m = new GlobalMagnitude(0.75).computeMasks(
                List.of(new FloatTensor(TensorLayout.vector(1000), d[0]), new FloatTensor(TensorLayout.vector(1000), d[1])));
        assertEquals(1000, m.get(0).prunedCount());
        assertEquals(500, m.get(1).prunedCount());
        assertTrue(!m.get(1).isKept(499) && m.get(1).isKept(500));
    }

    @Test
    void reachesExactGlobalSparsityAndPrunesSmallLayersMore() {
        float[][] d = tensors(99, 0, 10_000, 10_000);
        for (int i = 0; i < d[0].length; i++) {
            d[0][i] *= 0.01f; // a layer of small weights
        }
        List<FloatTensor> ts = List.of(new FloatTensor(TensorLayout.vector(10_000), d[0]),
                new FloatTensor(TensorLayout.vector(10_000), d[1]));
        List<Mask> m = new GlobalMagnitude(0.5).computeMasks(ts);
        assertEquals(10_000, m.get(0).prunedCount() + m.get(1).prunedCount());
        assertTrue(m.get(0).prunedCount() > 9_000);
    }

    @Test
    void nanIsReportedWithItsTensor() {
        float[][] d = tensors(1, 0, 100, 100);
        d[1][7] = Float.NaN;
        List<FloatTensor> ts = List.of(new FloatTensor(TensorLayout.vector(100), d[0]),
                new FloatTensor(TensorLayout.vector(100), d[1]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GlobalMagnitude(0.5).computeMasks(ts));
        assertTrue(e.getMessage().contains("tensor 1") && e.getMessage().contains("NaN"), e.getMessage());
    }
}
