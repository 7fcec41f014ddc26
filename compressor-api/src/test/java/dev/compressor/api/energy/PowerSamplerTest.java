package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PowerSamplerTest {

    private static Map<String, Double> rails(double in, double cpu, double soc) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("VDD_IN", in);
        m.put("VDD_CPU_GPU_CV", cpu);
        m.put("VDD_SOC", soc);
        return m;
    }

    @Test
    void constantPowerIntegratesExactlyOnTheSampleTimestamps() throws Exception {
        AtomicLong clock = new AtomicLong(); // advances exactly 10 ms on every read
        PowerSampler sampler = new PowerSampler(() -> rails(5, 2, 1), Duration.ofMillis(1),
                () -> clock.addAndGet(10_000_000L));
        PowerSampler.Running running = sampler.start();
        Thread.sleep(30);
        SampledPower s = running.stop();
        assertTrue(s.count() >= 2, "first and last sample at least, got " + s.count());
        assertEquals(List.of("VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"), s.rails());
        double seconds = (s.count() - 1) * 0.01;
        assertEquals(seconds, s.duration().toNanos() / 1e9, 1e-12);
        assertEquals(100.0, s.rateHz(), 1e-9);

        EnergyReading r = s.toReading("ina3221-sysfs", false, List.of("VDD_IN"), "VDD_IN is the board total");
        assertEquals(5 * seconds, r.joules(), 1e-9);
        assertEquals(5.0, r.averageWatts(), 1e-9);
        assertEquals(5.0, r.peakWatts(), 0.0);
        assertEquals(List.of("VDD_IN"), r.totalRails());
        assertEquals(3, r.rails().size());
        assertEquals(2 * seconds, r.rails().get(1).joules(), 1e-9);
        assertEquals(s.count(), r.sampleCount());
        assertFalse(r.partial());
        assertEquals("VDD_IN is the board total", r.note());
    }

    @Test
    void sumOfRailsIsPeakedPerPoll() throws Exception {
        // the two rails peak at different polls: the total's peak is 7 W, not 5 + 5
        AtomicInteger call = new AtomicInteger();
        AtomicLong clock = new AtomicLong();
        PowerSource source = () -> {
            int k = call.getAndIncrement();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("A", k == 0 ? 5.0 : 2.0);
            m.put("B", k == 0 ? 2.0 : 5.0);
            return m;
        };
        PowerSampler.Running running = new PowerSampler(source, Duration.ofHours(1), () -> clock.addAndGet(1_000_000_000L))
                .start();
        SampledPower s = running.stop();
        assertEquals(2, s.count());
        EnergyReading r = s.toReading("test", false, List.of("A", "B"), "");
        assertEquals(7.0, r.peakWatts(), 0.0);
        assertEquals(7.0, r.joules(), 1e-12); // (5+2)/2 + (2+5)/2 over 1 s
        assertThrows(IllegalArgumentException.class, () -> s.toReading("test", false, List.of("C"), ""));
    }

    @Test
    void aFailingSourceEndsSamplingAndMarksThePartialReading() throws Exception {
        AtomicInteger call = new AtomicInteger();
        AtomicLong clock = new AtomicLong();
        PowerSource source = () -> {
            if (call.getAndIncrement() >= 3) {
                throw new IOException("i2c bus error");
            }
            return Map.of("VDD_IN", 4.0);
        };
        PowerSampler.Running running = new PowerSampler(source, Duration.ofMillis(1), () -> clock.addAndGet(1_000_000L))
                .start();
        while (call.get() < 4) {
            Thread.sleep(1);
        }
        SampledPower s = running.stop();
        assertEquals(3, s.count());
        assertEquals("i2c bus error", s.failure().orElseThrow());
        EnergyReading r = s.toReading("test", false, List.of("VDD_IN"), "");
        assertTrue(r.partial());
        assertTrue(r.note().contains("i2c bus error"), r.note());
        assertEquals(4.0 * 0.002, r.joules(), 1e-12);
    }

    @Test
    void railsThatChangeAreAFailure() throws Exception {
        AtomicInteger call = new AtomicInteger();
        PowerSource source = () -> call.getAndIncrement() == 0 ? Map.of("A", 1.0) : Map.of("B", 1.0);
        AtomicLong clock = new AtomicLong();
        SampledPower s = new PowerSampler(source, Duration.ofHours(1), clock::incrementAndGet).start().stop();
        assertEquals(1, s.count());
        assertTrue(s.failure().orElseThrow().contains("changed its rails"), s.failure().get());
    }

    @Test
    void aFirstReadFailureFailsStart() {
        PowerSampler sampler = new PowerSampler(() -> {
            throw new IOException("no such file: in1_input");
        }, Duration.ofMillis(10));
        EnergyMeterException e = assertThrows(EnergyMeterException.class, sampler::start);
        assertTrue(e.getMessage().contains("in1_input"), e.getMessage());
        assertThrows(EnergyMeterException.class,
                () -> new PowerSampler(() -> Map.of("A", -2.0), Duration.ofMillis(10)).start());
    }

    @Test
    void checksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> new PowerSampler(Map::of, Duration.ofNanos(999_999)));
        assertThrows(IllegalArgumentException.class, () -> new PowerSampler(Map::of, Duration.ofHours(2)));
        assertThrows(NullPointerException.class, () -> new PowerSampler(null, Duration.ofMillis(10)));
    }

    @Test
    void pollsInTheBackgroundWithTheRealClock() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        PowerSampler.Running running = new PowerSampler(() -> {
            reads.incrementAndGet();
            return Map.of("VDD_IN", 3.0);
        }, Duration.ofMillis(5)).start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (reads.get() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        SampledPower s = running.stop();
        assertTrue(s.count() >= 5, "start, three or more background polls, stop; got " + s.count());
        EnergyReading r = s.toReading("test", false, List.of("VDD_IN"), "");
        assertEquals(3.0 * r.seconds(), r.joules(), 1e-9);
        running.close(); // idempotent after stop
    }
}
