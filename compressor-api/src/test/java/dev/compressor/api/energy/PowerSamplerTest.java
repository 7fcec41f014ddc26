package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.testdata.Tickers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PowerSamplerTest {

    private static final List<String> ORIN_NX = List.of("VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC");
    private static final long MS = 1_000_000L;

    private static RailEnergyAccumulator watts(List<String> rails) {
        return RailEnergyAccumulator.ofWatts(rails, List.of(rails.get(0)), rails.get(0) + " is the board total");
    }

    @Test
    void constantPowerIntegratesExactlyOnTheMidpointStamps() throws Exception {
        // the clock advances 5 ms on every call: each sample is stamped between its two calls, 10 ms apart
        AtomicLong clock = new AtomicLong();
        PowerSampler sampler = PowerSampler.of(PowerSource.of(ORIN_NX, v -> {
            v[0] = 5;
            v[1] = 2;
            v[2] = 1;
        }), Duration.ofMillis(1)).withTicker(Tickers.of(() -> clock.addAndGet(5 * MS)));
        RailEnergyAccumulator acc = watts(ORIN_NX);
        PowerSampler.Running running = sampler.start(acc);
        Thread.sleep(30);
        assertEquals(Optional.empty(), running.stop());
        assertTrue(acc.count() >= 3, "first, background and last samples, got " + acc.count());
        EnergyReading r = acc.toReading("ina3221-sysfs");
        double seconds = (acc.count() - 1) * 0.01;
        assertEquals(seconds, r.seconds(), 1e-12);
        assertEquals(7_500_000L, acc.firstNanos(), "midpoint of 5 ms and 10 ms");
        assertEquals(100.0, (acc.count() - 1) / r.seconds(), 1e-9);
        assertEquals(5 * seconds, r.joules(), 1e-9);
        assertEquals(5.0, r.averageWatts(), 1e-9);
        assertEquals(5.0, r.peakWatts(), 0.0);
        assertEquals(List.of("VDD_IN"), r.totalRails());
        assertEquals(2 * seconds, r.rails().get(1).joules(), 1e-9);
        assertEquals(acc.count(), r.sampleCount());
        assertFalse(r.partial());
        assertEquals("VDD_IN is the board total", r.note());
    }

    @Test
    void aFailingSourceEndsSamplingAndTheSamplesBeforeItStay() throws Exception {
        AtomicInteger call = new AtomicInteger();
        AtomicLong clock = new AtomicLong();
        PowerSource source = PowerSource.of(List.of("VDD_IN"), v -> {
            if (call.getAndIncrement() >= 3) {
                throw new IOException("i2c bus error");
            }
            v[0] = 4.0;
        });
        RailEnergyAccumulator acc = watts(List.of("VDD_IN"));
        PowerSampler.Running running = PowerSampler.of(source, Duration.ofMillis(1))
                .withTicker(Tickers.of(() -> clock.addAndGet(MS)))
                .start(acc);
        while (call.get() < 4) {
            Thread.sleep(1);
        }
        IOException failure = running.stop().orElseThrow();
        assertEquals("i2c bus error", failure.getMessage());
        assertEquals(3, acc.count(), "no last read after a failure");
        EnergyReading r = acc.toReading("test").asPartial("sampling stopped early: " + failure.getMessage());
        assertTrue(r.partial());
        assertTrue(r.note().endsWith("partial: sampling stopped early: i2c bus error"), r.note());
        assertEquals(4.0 * 0.004, r.joules(), 1e-12); // stamps 1.5, 3.5, 5.5 ms: 4 ms at 4 W
    }

    @Test
    void aSinkThatRejectsASampleIsAFailure() throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicInteger call = new AtomicInteger();
        PowerSource source = PowerSource.of(List.of("A"), v -> v[0] = call.getAndIncrement() == 0 ? 1.0 : Double.NaN);
        RailEnergyAccumulator acc = watts(List.of("A"));
        Optional<IOException> failure = PowerSampler.of(source, PowerSampler.MAX_INTERVAL)
                .withTicker(Tickers.of(clock::incrementAndGet))
                .start(acc).stop();
        assertEquals(1, acc.count());
        assertTrue(failure.orElseThrow().getMessage().contains("rail values must be finite and >= 0, got [NaN]"),
                failure.get().getMessage());
    }

    @Test
    void aFirstReadFailureFailsStartAndStartsNothing() {
        PowerSampler failing = PowerSampler.of(PowerSource.of(List.of("VDD_IN"), v -> {
            throw new IOException("no such file: in1_input");
        }), Duration.ofMillis(10));
        IOException e = assertThrows(IOException.class, () -> failing.start(watts(List.of("VDD_IN"))));
        assertTrue(e.getMessage().contains("in1_input"), e.getMessage());
        PowerSampler negative = PowerSampler.of(PowerSource.of(List.of("A"), v -> v[0] = -2), Duration.ofMillis(10));
        assertThrows(IOException.class, () -> negative.start(watts(List.of("A"))));
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("power-sampler")
                && t.isAlive()), "no thread left running");
    }

    @Test
    void checksItsArguments() {
        PowerSource one = PowerSource.of(List.of("A"), v -> v[0] = 1);
        assertThrows(IllegalArgumentException.class, () -> PowerSampler.of(one, Duration.ofNanos(99_999)));
        assertThrows(IllegalArgumentException.class, () -> PowerSampler.of(one, Duration.ofHours(2)));
        assertThrows(NullPointerException.class, () -> PowerSampler.of(null, Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> PowerSampler.of(one, Duration.ofMillis(10)).withThreadName(" "));
        assertThrows(IllegalArgumentException.class, () -> PowerSource.of(List.of(), v -> { }));
        assertEquals(Duration.ofNanos(100_000), PowerSampler.of(one, PowerSampler.MIN_INTERVAL).interval());
    }

    @Test
    void pollsInTheBackgroundOnItsNamedThreadWithTheRealClock() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        List<String> threads = new ArrayList<>();
        RailEnergyAccumulator acc = watts(List.of("VDD_IN"));
        PowerSampler.Running running = PowerSampler.of(PowerSource.of(List.of("VDD_IN"), v -> {
            reads.incrementAndGet();
            v[0] = 3.0;
        }), Duration.ofMillis(5)).withThreadName("ina3221-sampler").start((t, v) -> {
            threads.add(Thread.currentThread().getName());
            acc.add(t, v);
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (reads.get() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(Optional.empty(), running.stop());
        assertTrue(acc.count() >= 5, "start, three or more background polls, stop; got " + acc.count());
        assertTrue(threads.contains("ina3221-sampler"), threads.toString());
        assertEquals(Thread.currentThread().getName(), threads.get(threads.size() - 1), "the last sample is the caller's");
        EnergyReading r = acc.toReading("test");
        assertEquals(3.0 * r.seconds(), r.joules(), 1e-9);
        running.close(); // idempotent after stop
        assertThrows(IllegalStateException.class, running::stop);
    }

    @Test
    void closeStopsWithoutALastSample() throws Exception {
        AtomicLong clock = new AtomicLong();
        RailEnergyAccumulator acc = watts(List.of("A"));
        PowerSampler.Running running = PowerSampler.of(PowerSource.of(List.of("A"), v -> v[0] = 1), PowerSampler.MAX_INTERVAL)
                .withTicker(Tickers.of(clock::incrementAndGet)).start(acc);
        running.close();
        assertEquals(1, acc.count());
        assertThrows(IllegalStateException.class, running::stop);
    }
}
