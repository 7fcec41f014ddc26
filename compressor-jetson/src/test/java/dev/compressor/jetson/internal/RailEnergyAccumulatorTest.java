package dev.compressor.jetson.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.energy.PowerSample;
import dev.compressor.api.energy.TrapezoidIntegrator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RailEnergyAccumulatorTest {

    private static final long S = 1_000_000_000L;

    private static RailEnergyAccumulator acc(String... rails) {
        return new RailEnergyAccumulator(List.of(rails), BoardTotal.choose(List.of(rails)));
    }

    @Test
    void constantFiveWattsForTwoSecondsIsTenJoules() {
        RailEnergyAccumulator a = acc("VDD_IN");
        for (int i = 0; i <= 20; i++) {
            a.add(i * S / 10, new double[] {5});
        }
        EnergyReading r = a.toReading("m", 0, 2 * S, Optional.empty(), false, "");
        assertEquals(10.0, r.joules(), 1e-12);
        assertEquals(5.0, r.averageWatts(), 1e-12);
        assertEquals(21, r.sampleCount());
        assertEquals(2.0, r.seconds(), 0);
    }

    @Test
    void linearRampIsExactOnUnevenTimestamps() {
        RailEnergyAccumulator a = acc("VDD_IN", "VDD_SOC");
        long[] t = {0, 130_000_000, 170_000_000, 900_000_000, S};
        for (long ti : t) {
            double secs = ti / 1e9;
            a.add(ti, new double[] {2 + 4 * secs, 1});
        }
        EnergyReading r = a.toReading("m", 0, S, Optional.of(1.0), false, "");
        assertEquals(4.0, r.joules(), 1e-12); // integral of 2 + 4t over [0, 1]
        assertEquals(6.0, r.peakWatts(), 1e-12);
        assertEquals(List.of("VDD_IN"), r.totalRails());
        assertEquals(1.0, r.rails().get(1).joules(), 1e-12);
        assertEquals(3.0, r.joulesAboveIdle(), 1e-12);
    }

    @Test
    void edgesHoldTheFirstAndLastSample() {
        RailEnergyAccumulator a = acc("VDD_IN");
        a.add(S, new double[] {2});
        a.add(2 * S, new double[] {4});
        EnergyReading r = a.toReading("m", 0, 3 * S, Optional.empty(), true, "child died");
        assertEquals(2 + 3 + 4, r.joules(), 1e-12);
        assertTrue(r.partial());
        assertTrue(r.note().contains("held over 1000.0 ms / 1000.0 ms") && r.note().endsWith("child died"), r.note());
    }

    @Test
    void agreesWithTheApiTrapezoidIntegratorOnRandomTraces() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 50; trial++) {
            RailEnergyAccumulator a = acc("VDD_IN");
            List<PowerSample> trace = new ArrayList<>();
            long t = rnd.nextInt(1000);
            for (int i = 0, n = 2 + rnd.nextInt(200); i < n; i++) {
                double w = rnd.nextDouble() * 20;
                a.add(t, new double[] {w});
                trace.add(new PowerSample(t, w));
                t += 1 + rnd.nextInt(50_000_000);
            }
            TrapezoidIntegrator.Integral expected = TrapezoidIntegrator.integrate(trace);
            EnergyReading r = a.toReading("m", a.firstNanos(), a.lastNanos(), Optional.empty(), false, "");
            assertEquals(expected.joules(), r.joules(), 1e-9 * Math.max(1, expected.joules()));
            assertEquals(expected.peakWatts(), r.peakWatts(), 0);
            assertEquals(expected.count(), r.sampleCount());
        }
    }

    @Test
    void rejectsBadSamples() {
        RailEnergyAccumulator a = acc("VDD_IN");
        assertThrows(IllegalArgumentException.class, () -> a.add(0, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> a.add(0, new double[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> a.add(0, new double[] {Double.NaN}));
        assertThrows(IllegalStateException.class, () -> a.toReading("m", 0, 1, Optional.empty(), false, ""));
        a.add(10, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> a.add(9, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> a.toReading("m", 5, 4, Optional.empty(), false, ""));
        assertThrows(IllegalArgumentException.class,
                () -> new RailEnergyAccumulator(List.of("A"), BoardTotal.explicit(List.of("B"), List.of("A", "B"))));
    }
}
