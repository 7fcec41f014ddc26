package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrapezoidIntegratorTest {

    private static final long S = 1_000_000_000L;

    @Test
    void constantFiveWattsForTwoSecondsIsTenJoules() {
        TrapezoidIntegrator.Integral i = TrapezoidIntegrator.integrate(
                List.of(new PowerSample(0, 5), new PowerSample(S, 5), new PowerSample(2 * S, 5)));
        assertEquals(10.0, i.joules(), 0.0);
        assertEquals(5.0, i.averageWatts(), 0.0);
        assertEquals(5.0, i.peakWatts(), 0.0);
        assertEquals(3, i.count());
        assertEquals(2 * S, i.durationNanos());
    }

    @Test
    void constantFiveWattsSampledAt100HzIsTenJoules() {
        List<PowerSample> trace = new ArrayList<>();
        for (int k = 0; k <= 200; k++) {
            trace.add(new PowerSample(123_456L + k * 10_000_000L, 5));
        }
        TrapezoidIntegrator.Integral i = TrapezoidIntegrator.integrate(trace);
        assertEquals(10.0, i.joules(), 1e-12);
        assertEquals(201, i.count());
    }

    @Test
    void linearRampIsIntegratedExactly() {
        // p(t) = 2.5 t W for t in [0, 4] s: integral = 1.25 * 16 = 20 J; sampled at irregular instants
        long[] t = {0, 300_000_000L, 1_000_000_000L, 1_100_000_000L, 2_750_000_000L, 4_000_000_000L};
        List<PowerSample> trace = new ArrayList<>();
        for (long nanos : t) {
            trace.add(new PowerSample(nanos, 2.5 * nanos / 1e9));
        }
        TrapezoidIntegrator.Integral i = TrapezoidIntegrator.integrate(trace);
        assertEquals(20.0, i.joules(), 1e-12);
        assertEquals(5.0, i.averageWatts(), 1e-12);
        assertEquals(10.0, i.peakWatts(), 0.0);
    }

    @Test
    void usesTheTimestampsNotANominalInterval() {
        // 0 W at 0 s, 10 W at 0.5 s, 10 W at 3 s: 0.5 * 5 + 2.5 * 10 = 27.5 J. A nominal-interval
        // integrator (three samples, 1 s apart) would say 15 J.
        TrapezoidIntegrator.Integral i = TrapezoidIntegrator.integrate(List.of(
                new PowerSample(0, 0), new PowerSample(S / 2, 10), new PowerSample(3 * S, 10)));
        assertEquals(27.5, i.joules(), 1e-12);
        assertEquals(27.5 / 3, i.averageWatts(), 1e-12);
    }

    @Test
    void rejectsTimestampsThatDoNotIncrease() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrapezoidIntegrator.integrate(
                List.of(new PowerSample(0, 1), new PowerSample(5, 1), new PowerSample(5, 1))));
        assertTrue(e.getMessage().contains("sample 2 at 5 ns follows sample 1 at 5 ns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrapezoidIntegrator.integrate(
                List.of(new PowerSample(10, 1), new PowerSample(3, 1))));
    }

    @Test
    void emptyAndSingleSampleTraces() {
        TrapezoidIntegrator.Integral empty = TrapezoidIntegrator.integrate(List.of());
        assertEquals(0, empty.count());
        assertEquals(0.0, empty.joules(), 0.0);
        TrapezoidIntegrator.Integral one = TrapezoidIntegrator.integrate(List.of(new PowerSample(7, 3.5)));
        assertEquals(0.0, one.joules(), 0.0);
        assertEquals(3.5, one.averageWatts(), 0.0);
        assertEquals(3.5, one.peakWatts(), 0.0);
        assertEquals(new RailEnergy("VDD_IN", 0, 3.5, 3.5, 1), one.toRail("VDD_IN"));
    }

    @Test
    void powerSampleRejectsNegativeAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> new PowerSample(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new PowerSample(0, Double.NaN));
    }
}
