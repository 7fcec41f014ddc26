package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RailEnergyAccumulatorTest {

    private static final long S = 1_000_000_000L;

    private static RailEnergyAccumulator watts(String... rails) {
        return RailEnergyAccumulator.ofWatts(List.of(rails), List.of(rails[0]), rails[0] + " is the total");
    }

    @Test
    void constantFiveWattsForTwoSecondsIsTenJoules() {
        RailEnergyAccumulator a = watts("VDD_IN");
        for (int i = 0; i <= 20; i++) {
            a.add(i * S / 10, new double[] {5});
        }
        EnergyReading r = a.toReading("m", 0, 2 * S);
        assertEquals(10.0, r.joules(), 1e-12);
        assertEquals(5.0, r.averageWatts(), 1e-12);
        assertEquals(5.0, r.peakWatts(), 0);
        assertEquals(21, r.sampleCount());
        assertEquals(2.0, r.seconds(), 0);
        assertEquals("VDD_IN is the total", r.note());
    }

    @Test
    void linearRampIsExactOnUnevenTimestamps() {
        RailEnergyAccumulator a = watts("VDD_IN", "VDD_SOC");
        long[] t = {0, 130_000_000, 170_000_000, 900_000_000, S};
        for (long ti : t) {
            a.add(ti, new double[] {2 + 4 * (ti / 1e9), 1});
        }
        EnergyReading r = a.toReading("m", 0, S).withIdleWatts(1.0);
        assertEquals(4.0, r.joules(), 1e-12); // integral of 2 + 4t over [0, 1]
        assertEquals(6.0, r.peakWatts(), 1e-12);
        assertEquals(List.of("VDD_IN"), r.totalRails());
        assertEquals(1.0, r.rails().get(1).joules(), 1e-12);
        assertEquals(3.0, r.joulesAboveIdle(), 1e-12);
    }

    @Test
    void theTotalPeaksOnTheSumAtOneSampleNotOnTheSumOfPeaks() {
        // the two rails peak at different samples: the total's peak is 7 W, not 5 + 5
        RailEnergyAccumulator a = RailEnergyAccumulator.ofWatts(List.of("A", "B"), List.of("A", "B"), "A + B");
        a.add(0, new double[] {5, 2});
        a.add(S, new double[] {2, 5});
        EnergyReading r = a.toReading("m");
        assertEquals(7.0, r.peakWatts(), 0.0);
        assertEquals(7.0, r.joules(), 1e-12); // (5+2)/2 + (2+5)/2 over 1 s
        assertEquals(5.0, r.rails().get(0).peakWatts(), 0.0);
    }

    @Test
    void edgesHoldTheFirstAndLastSample() {
        RailEnergyAccumulator a = watts("VDD_IN");
        a.add(S, new double[] {2});
        a.add(2 * S, new double[] {4});
        EnergyReading r = a.toReading("m", 0, 3 * S).asPartial("child died");
        assertEquals(2 + 3 + 4, r.joules(), 1e-12);
        assertTrue(r.partial());
        assertTrue(r.note().contains("held over 1000.0 ms / 1000.0 ms") && r.note().endsWith("partial: child died"),
                r.note());
    }

    @Test
    void agreesWithTheTrapezoidRuleWrittenOutOnRandomTraces() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 50; trial++) {
            RailEnergyAccumulator a = watts("VDD_IN");
            long t = rnd.nextInt(1000);
            double prevW = 0;
            long prevT = 0;
            double expected = 0;
            double peak = 0;
            int n = 2 + rnd.nextInt(200);
            for (int i = 0; i < n; i++) {
                double w = rnd.nextDouble() * 20;
                a.add(t, new double[] {w});
                if (i > 0) {
                    expected += (prevW + w) / 2 * ((t - prevT) / 1e9);
                }
                peak = Math.max(peak, w);
                prevW = w;
                prevT = t;
                t += 1 + rnd.nextInt(50_000_000);
            }
            EnergyReading r = a.toReading("m");
            assertEquals(expected, r.joules(), 1e-9 * Math.max(1, expected));
            assertEquals(peak, r.peakWatts(), 0);
            assertEquals(n, r.sampleCount());
        }
    }

    @Test
    void jouleDeltasAddUpExactlyAndPeakPerInterval() {
        // a counter: 0 J (ignored), then 3 J in 1 s, 0 J at the same tick, 1 J in 0.5 s
        RailEnergyAccumulator a = RailEnergyAccumulator.ofJouleDeltas(List.of("package-0", "package-0/dram"),
                List.of("package-0"), "total = package-0");
        a.add(0, new double[] {99, 99});
        a.add(S, new double[] {3, 0.5});
        a.add(S, new double[] {0, 0});
        a.add(3 * S / 2, new double[] {1, 0.25});
        EnergyReading r = a.toReading("rapl");
        assertEquals(4.0, r.joules(), 0.0);
        assertEquals(4.0 / 1.5, r.averageWatts(), 1e-12);
        assertEquals(3.0, r.peakWatts(), 0.0);
        assertEquals(0.75, r.rails().get(1).joules(), 0.0);
        assertEquals(0.5, r.rails().get(1).peakWatts(), 0.0);
        assertEquals(4, r.sampleCount());
        // held edges use the first and last interval's mean power
        assertEquals(4.0 + 3.0 + 2.0, a.toReading("rapl", -S, 5 * S / 2).joules(), 1e-12);
    }

    @Test
    void rejectsBadSamplesAndSetups() {
        RailEnergyAccumulator a = watts("VDD_IN");
        assertThrows(IllegalArgumentException.class, () -> a.add(0, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> a.add(0, new double[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> a.add(0, new double[] {Double.NaN}));
        assertThrows(IllegalStateException.class, () -> a.toReading("m", 0, 1));
        a.add(10, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> a.add(9, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> a.toReading("m", 5, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RailEnergyAccumulator.ofWatts(List.of("A"), List.of("B"), ""));
        assertTrue(e.getMessage().contains("total rail 'B' not in [A]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RailEnergyAccumulator.ofWatts(List.of("A"), List.of(), ""));
    }
}
