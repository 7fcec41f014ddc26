package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.testdata.Tickers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CpuTimeEstimateMeterTest {

    private static final long S = 1_000_000_000L;

    private final AtomicLong cpu = new AtomicLong(100 * S);
    private final AtomicLong wall = new AtomicLong(5 * S);

    private CpuTimeEstimateMeter meter(double perCore, double idle) {
        return new CpuTimeEstimateMeter(perCore, idle, new ProcessCpuTime(Tickers.of(cpu::get), "fake CPU clock"),
                Tickers.of(wall::get));
    }

    @Test
    void busyCoresTimesWattsPlusIdleIsExact() throws Exception {
        EnergyMeter m = meter(10, 3);
        EnergyMeter.Session s = m.start();
        cpu.addAndGet(2 * S); // two busy core-seconds...
        wall.addAndGet(4 * S); // ...in four wall seconds: half a core busy on average
        EnergyReading r = s.stop();
        assertEquals(32.0, r.joules(), 0.0); // 2 s x 10 W + 3 W x 4 s
        assertEquals(8.0, r.averageWatts(), 0.0);
        assertEquals(20.0, r.joulesAboveIdle(), 1e-12);
        assertEquals(Optional.of(3.0), r.idleWatts());
        assertEquals(List.of("process-cpu", "idle"), r.totalRails());
        assertEquals(20.0, r.rails().get(0).joules(), 0.0);
        assertEquals(12.0, r.rails().get(1).joules(), 0.0);
        assertTrue(r.estimated());
        assertTrue(m.estimated());
        assertTrue(r.note().startsWith("estimate, not a measurement: fake CPU clock 2.000 s x 10.00 W per busy core"),
                r.note());
        assertTrue(r.note().contains("0.50 cores busy"), r.note());
    }

    @Test
    void withoutIdlePowerOnlyTheProcessCounts() throws Exception {
        EnergyMeter.Session s = meter(7.5, 0).start();
        cpu.addAndGet(4 * S);
        wall.addAndGet(S);
        EnergyReading r = s.stop();
        assertEquals(30.0, r.joules(), 0.0);
        assertEquals(Optional.empty(), r.idleWatts());
        assertEquals(List.of("process-cpu"), r.totalRails());
        assertTrue(r.estimated());
        assertThrows(IllegalStateException.class, s::stop);
    }

    @Test
    void checksWatts() {
        assertThrows(IllegalArgumentException.class, () -> meter(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> meter(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new CpuTimeEstimateMeterProvider(Double.POSITIVE_INFINITY, 0));
    }

    @Test
    void providerIsAlwaysAvailableAtRankZeroAndItsReadingsAreEstimates() throws Exception {
        CpuTimeEstimateMeterProvider p = new CpuTimeEstimateMeterProvider();
        assertEquals(0, p.rank());
        assertEquals("cpu-time-estimate", p.name());
        EnergyMeterProvider.Availability a = p.probe();
        assertTrue(a.available(), a.reason());
        assertTrue(a.reason().contains("10.00 W per busy core") && a.reason().contains("not a measurement"), a.reason());

        EnergyMeter m = p.create();
        EnergyReading r;
        try (EnergyMeter.Session s = m.start()) {
            long x = 0;
            for (int i = 0; i < 20_000_000; i++) {
                x += i ^ (x >>> 3);
            }
            assertTrue(x != 42);
            r = s.stop();
        }
        assertTrue(r.estimated());
        assertTrue(r.joules() > 0, "the loop used CPU time: " + r);
        assertTrue(r.note().contains("estimate"), r.note());
    }

    @Test
    void systemPropertiesConfigureTheDefaultProvider() {
        String key = CpuTimeEstimateMeterProvider.WATTS_PER_CORE_PROPERTY;
        String old = System.getProperty(key);
        try {
            System.setProperty(key, "2.5");
            assertTrue(new CpuTimeEstimateMeterProvider().probe().reason().contains("2.50 W per busy core"));
            System.setProperty(key, "lots");
            EnergyMeterProvider.Availability a = new CpuTimeEstimateMeterProvider().probe();
            assertFalse(a.available());
            assertTrue(a.reason().contains("must be a number of watts, got 'lots'"), a.reason());
            assertThrows(EnergyMeterException.class, () -> new CpuTimeEstimateMeterProvider().create());
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    @Test
    void detectsTheProcessCpuClock() {
        ProcessCpuTime t = ProcessCpuTime.detect();
        long a = t.ticker().read();
        assertTrue(a > 0, t.description());
        assertTrue(t.ticker().read() >= a);
    }
}
