package dev.compressor.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PruningMethodTest {

    static FloatTensor gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return new FloatTensor(TensorLayout.vector(n), d);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1, 0.5, 0.9, 0.999})
    void magnitudeReachesExactSparsityAndPrunesTheSmallest(double s) {
        FloatTensor t = gaussian(10_007, 7);
        Mask m = PruningMethod.magnitude(s).computeMask(t);
        assertEquals(Math.round(s * t.length()), m.prunedCount());
        float maxPruned = 0;
        float minKept = Float.MAX_VALUE;
        for (int i = 0; i < t.length(); i++) {
            float a = Math.abs(t.data()[i]);
            if (m.isKept(i)) {
                minKept = Math.min(minKept, a);
            } else {
                maxPruned = Math.max(maxPruned, a);
            }
        }
        assertTrue(maxPruned <= minKept, maxPruned + " > " + minKept);
    }

    @Test
    void magnitudeComposesWithoutReviving() {
        FloatTensor t = gaussian(5000, 3);
        Mask prior = PruningMethod.nOfM(2, 4).computeMask(t); // 50 %, not by global magnitude
        Mask m = PruningMethod.magnitude(0.7).computeMask(t, prior);
        assertTrue(prior.covers(m));
        assertEquals(3500, m.prunedCount());
        Mask lower = PruningMethod.magnitude(0.3).computeMask(t, m);
        assertEquals(m, lower, "a lower target never revives");
    }

    @Test
    void tiesArePrunedInFlatOrder() {
        float[] d = {1, 1, 1, 1, 2, 2};
        Mask m = PruningMethod.magnitude(0.5).computeMask(new FloatTensor(TensorLayout.vector(6), d));
        assertEquals("[false, false, false, true, true, true]", Arrays.toString(flags(m)));
    }

    @Test
    void nOfMKeepsAtMostNPerGroup() {
        FloatTensor t = gaussian(4096, 11);
        Mask m = PruningMethod.nOfM(2, 4).computeMask(t);
        assertEquals(2048, m.prunedCount());
        for (int g = 0; g < 4096; g += 4) {
            int kept = 0;
            float minKept = Float.MAX_VALUE;
            float maxPruned = 0;
            for (int i = g; i < g + 4; i++) {
                float a = Math.abs(t.data()[i]);
                if (m.isKept(i)) {
                    kept++;
                    minKept = Math.min(minKept, a);
                } else {
                    maxPruned = Math.max(maxPruned, a);
                }
            }
            assertEquals(2, kept);
            assertTrue(maxPruned <= minKept);
        }
    }

    @Test
    void nOfMRejectsBadSettingsAndLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PruningMethod.nOfM(4, 4));
        assertTrue(e.getMessage().contains("4:4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PruningMethod.nOfM(5, 4));
        assertThrows(IllegalArgumentException.class, () -> PruningMethod.nOfM(0, 4));
        e = assertThrows(IllegalArgumentException.class, () -> PruningMethod.nOfM(2, 4).computeMask(gaussian(6, 1)));
        assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
    }

    @Test
    void stdThresholdPrunesBelowQualityTimesStd() {
        FloatTensor t = gaussian(100_000, 5);
        Mask m = PruningMethod.stdThreshold(1.0).computeMask(t);
        // |x| < 1 sigma holds 68.3 % of a normal distribution
        assertEquals(0.683, m.sparsity(), 0.01);
        assertEquals(0, PruningMethod.stdThreshold(0).computeMask(t).prunedCount());
        assertThrows(IllegalArgumentException.class, () -> PruningMethod.stdThreshold(-1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void sparsityOutsideUnitIntervalIsRejected(double s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PruningMethod.magnitude(s));
        assertTrue(e.getMessage().contains("[0, 1)") && e.getMessage().contains(String.valueOf(s)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GlobalMagnitude(s));
    }

    @Test
    void nanWeightsAreRejectedByEveryMethod() {
        FloatTensor t = gaussian(100, 2);
        t.data()[42] = Float.NaN;
        for (PruningMethod p : new PruningMethod[] {PruningMethod.magnitude(0.5), PruningMethod.magnitude(0),
                PruningMethod.stdThreshold(1), PruningMethod.nOfM(2, 4)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.computeMask(t),
                    p.describe());
            assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("42"), e.getMessage());
        }
    }

    static boolean[] flags(Mask m) {
        boolean[] b = new boolean[m.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = m.isKept(i);
        }
        return b;
    }

    @Test
    void flagsHelperReadsEveryElement() {
        assertFalse(flags(Mask.of(new boolean[] {false}))[0]);
    }
}
