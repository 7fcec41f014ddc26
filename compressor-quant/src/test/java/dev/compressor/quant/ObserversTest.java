package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ObserversTest {

    private static final LinearGrid INT4 = new LinearGrid(4, QuantScheme.SYMMETRIC);
    private static final LinearGrid INT8 = new LinearGrid(8, QuantScheme.SYMMETRIC);

    private static float[] gaussianWithOutlier(int n, float outlier) {
        Random rnd = new Random(5);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) rnd.nextGaussian();
        }
        d[n / 2] = outlier;
        return d;
    }

    private static Observer.Range range(Observer o, float[] d, LinearGrid g) {
        return o.clipRanges(o.observe(d, ChannelSplit.perTensor(d.length)), g)[0];
    }

    @Test
    void minMaxKeepsEverything() {
        float[] d = gaussianWithOutlier(10_000, 50f);
        Observer.Range r = range(Observers.minMax(), d, INT8);
        assertEquals(50.0, r.hi(), 0.0);
        assertTrue(r.lo() < -3);
    }

    @Test
    void percentileClipsTheOutlier() {
        float[] d = gaussianWithOutlier(100_000, 50f);
        Observer.Range r = range(Observers.percentile(99.9), d, INT8);
        assertTrue(r.hi() > 2.5 && r.hi() < 4, "99.9th percentile of N(0,1) is 3.09, got " + r.hi());
        assertTrue(r.lo() < -2.5 && r.lo() > -4, "0.1th percentile is -3.09, got " + r.lo());
        assertEquals("percentile(99.9)", Observers.percentile(99.9).describe());
    }

    @Test
    void mseClipsHeavyTailsAtFewBitsAndKeepsUniformRangesAtMany() {
        Random rnd = new Random(9);
        float[] laplace = new float[100_000];
        float[] uniform = new float[100_000];
        for (int i = 0; i < laplace.length; i++) {
            double u = rnd.nextDouble() - 0.5;
            laplace[i] = (float) (-Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
            uniform[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        float max = 0;
        for (float v : laplace) {
            max = Math.max(max, Math.abs(v));
        }
        Observer.Range heavy = range(Observers.mseOptimal(), laplace, INT4);
        assertTrue(heavy.hi() < 0.7 * max, "4-bit Laplace clip " + heavy.hi() + " vs max " + max);
        Observer.Range flat = range(Observers.mseOptimal(), uniform, INT8);
        assertTrue(flat.hi() > 0.97, "8-bit uniform keeps its range, got " + flat.hi());
        // and the clipped grid really has less error than min-max on the heavy tail
        LinearTensorQuantizer mse = new LinearTensorQuantizer(INT4, Granularity.PER_TENSOR, Observers.mseOptimal());
        LinearTensorQuantizer mm = new LinearTensorQuantizer(INT4, Granularity.PER_TENSOR, Observers.minMax());
        var t = LinearQuantizationPropertyTest.tensor(dev.compressor.api.tensor.TensorLayout.vector(laplace.length), -1,
                laplace);
        assertTrue(LinearQuantizationPropertyTest.noise(mse.apply(t)) < 0.8 * LinearQuantizationPropertyTest.noise(
                mm.apply(t)));
    }

    @Test
    void statisticsCombineAcrossBatches() {
        float[] a = {0f, 1f, 2f, 3f};
        float[] b = {-4f, 10f};
        RangeStatistics s = RangeStatistics.collect(a, ChannelSplit.perTensor(4), 16)
                .plus(RangeStatistics.collect(b, ChannelSplit.perTensor(2), 16));
        assertEquals(-4f, s.min(0));
        assertEquals(10f, s.max(0));
        long total = 0;
        for (long c : s.histogram(0)) {
            total += c;
        }
        assertEquals(6, total);
    }

    @Test
    void perChannelStatisticsFollowTheSplit() {
        float[] d = {1, 2, 3, -1, -2, -3}; // split 1 x 2 x 3: channel 0 = {1,2,3}, channel 1 = {-1,-2,-3}
        RangeStatistics s = RangeStatistics.collect(d, new ChannelSplit(1, 2, 3), 0);
        assertEquals(1f, s.min(0));
        assertEquals(3f, s.max(0));
        assertEquals(-3f, s.min(1));
        assertEquals(-1f, s.max(1));
        RangeStatistics t = RangeStatistics.collect(d, new ChannelSplit(3, 2, 1), 0); // interleaved
        assertEquals(-2f, t.min(0)); // channel 0 = {1, 3, -2}
        assertEquals(3f, t.max(0));
        assertEquals(-3f, t.min(1)); // channel 1 = {2, -1, -3}
        assertEquals(2f, t.max(1));
    }
}
