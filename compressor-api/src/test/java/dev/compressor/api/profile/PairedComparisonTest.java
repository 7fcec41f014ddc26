package dev.compressor.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.profile.PairedComparison.Verdict;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    /** n rounds of a value times a small deterministic jitter (+-2 %), the same jitter pattern for every arm. */
    private static double[] values(int n, double base, int phase) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = base * (1 + 0.01 * (((i + phase) * 7) % 5 - 2));
        }
        return v;
    }

    @Test
    void equalArmsAreTheSame() {
        PairedComparison c = PairedComparison.of(values(30, 10, 0), values(30, 10, 3), 0.05);
        assertEquals(1.0, c.ratio(), 0.03);
        assertTrue(c.lower() >= 1 / 1.05 && c.upper() <= 1.05, c.format());
        assertEquals(Verdict.SAME, c.verdict());
        assertEquals(30, c.rounds());
    }

    @Test
    void aThirtyPercentSlowerCandidateIsHigherAndAFasterOneLower() {
        PairedComparison slow = PairedComparison.of(values(30, 10, 0), values(30, 13, 1), 0.05);
        assertEquals(Verdict.HIGHER, slow.verdict());
        assertEquals(1.3, slow.ratio(), 0.04);
        PairedComparison fast = PairedComparison.of(values(30, 10, 0), values(30, 7, 1), 0.05);
        assertEquals(Verdict.LOWER, fast.verdict());
        assertEquals("faster", fast.verdict().latencyWord());
    }

    @Test
    void anIntervalAcrossTheMarginEdgeGivesNoVerdict() {
        // candidate 4 % slower with +-4 % noise: the interval straddles 1.05
        double[] base = new double[40];
        double[] cand = new double[40];
        for (int i = 0; i < 40; i++) {
            base[i] = 10;
            cand[i] = 10.4 * (1 + 0.04 * Math.sin(i * 1.7));
        }
        PairedComparison c = PairedComparison.of(base, cand, 0.05);
        assertTrue(c.lower() < 1.05 && c.upper() > 1.05, c.format());
        assertEquals(Verdict.UNDECIDED, c.verdict());
    }

    @Test
    void tooFewRoundsGiveNoVerdictEvenForALargeDifference() {
        PairedComparison c = PairedComparison.of(values(PairedComparison.MIN_ROUNDS_FOR_VERDICT - 1, 10, 0),
                values(PairedComparison.MIN_ROUNDS_FOR_VERDICT - 1, 30, 0), 0.05);
        assertEquals(3.0, c.ratio(), 0.01);
        assertEquals(Verdict.UNDECIDED, c.verdict());
    }

    @Test
    void driftThatTouchesBothArmsCancels() {
        // the machine slows down 3x over the run; both arms see it in the same rounds
        double[] base = new double[30];
        double[] cand = new double[30];
        for (int i = 0; i < 30; i++) {
            double drift = 1 + 2.0 * i / 29;
            base[i] = 10 * drift;
            cand[i] = 10 * drift * (1 + 0.005 * ((i % 3) - 1));
        }
        assertEquals(Verdict.SAME, PairedComparison.of(base, cand, 0.05).verdict());
    }

    @Test
    void theSameValuesGiveTheSameInterval() {
        PairedComparison a = PairedComparison.of(values(25, 10, 0), values(25, 11, 2), 0.05);
        PairedComparison b = PairedComparison.of(values(25, 10, 0), values(25, 11, 2), 0.05);
        assertEquals(a, b);
    }

    @Test
    void badInputIsRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(new double[] {1, 2}, new double[] {1}, 0.05));
        assertTrue(e.getMessage().contains("2 and 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(new double[] {1, -2}, new double[] {1, 1}, 0.05));
        assertTrue(e.getMessage().contains("-2.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(new double[] {1}, new double[] {1}, 1.0));
    }
}
