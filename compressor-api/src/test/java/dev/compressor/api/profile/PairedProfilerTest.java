package dev.compressor.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.profile.PairedComparison.Verdict;
import dev.compressor.api.testdata.Tickers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PairedProfilerTest {

    private static final long MS = 1_000_000L;

    /**
     * A fake machine: every inference advances the clock by its arm's cost, times 3 for the first
     * {@code slowStart} inferences of the JVM (JIT compilation), plus a little deterministic jitter.
     */
    private static final class FakeJvm {
        final AtomicLong clock = new AtomicLong();
        final AtomicInteger calls = new AtomicInteger();
        final int slowStart;
        final List<String> log = new ArrayList<>();
        final INDArray out = Nd4j.scalar(1f);

        FakeJvm(int slowStart) {
            this.slowStart = slowStart;
        }

        Supplier<INDArray> arm(String name, long costNanos) {
            return () -> {
                int n = calls.getAndIncrement();
                double jitter = 1 + 0.01 * ((n * 7) % 5 - 2);
                clock.addAndGet((long) (costNanos * jitter * (n < slowStart ? 3 : 1)));
                log.add(name);
                return out;
            };
        }
    }

    private static PairedProfiler.Builder profiler(FakeJvm jvm) {
        return PairedProfiler.builder().ticker(Tickers.of(jvm.clock::get)).synchronizer(() -> { });
    }

    @Test
    void theFirstArmMeasuredInAFreshJvmDoesNotLookSlow() throws Exception {
        // the unpaired way: fp32 profiled first, then the same arithmetic under another name
        FakeJvm sequential = new FakeJvm(20);
        Profile first = Profiler.builder().warmupIterations(0).measuredIterations(30)
                .ticker(Tickers.of(sequential.clock::get))
                .synchronizer(() -> { }).build().profile(sequential.arm("fp32", 10 * MS));
        Profile second = Profiler.builder().warmupIterations(0).measuredIterations(30)
                .ticker(Tickers.of(sequential.clock::get))
                .synchronizer(() -> { }).build().profile(sequential.arm("same", 10 * MS));
        assertTrue(first.latency().meanNanos() > 1.5 * second.latency().meanNanos(),
                "the fake JVM makes the first setting measured slow: " + first.latency() + " vs " + second.latency());

        // paired, without any warm-up, on the same fake JVM: the slow start touches both arms alike
        FakeJvm jvm = new FakeJvm(20);
        PairedProfile p = profiler(jvm).maxWarmupRounds(0).rounds(40).build()
                .compare("fp32", jvm.arm("fp32", 10 * MS), "same", jvm.arm("same", 10 * MS));
        PairedComparison c = p.latencyRatio("same", "fp32");
        assertEquals(Verdict.SAME, c.verdict(), c.format());
        assertEquals(40, p.rounds());
    }

    @Test
    void realDifferencesComeOutWithTheirDirection() throws Exception {
        FakeJvm jvm = new FakeJvm(20);
        PairedProfile p = profiler(jvm).rounds(30).build().compare(new LinkedHashMap<>(Map.of(
                "fp32", jvm.arm("fp32", 10 * MS))) {
            {
                put("resident", jvm.arm("resident", 12 * MS));
                put("pruned", jvm.arm("pruned", 7 * MS));
            }
        });
        assertEquals(Verdict.HIGHER, p.latencyRatio("resident", "fp32").verdict());
        assertEquals(1.2, p.latencyRatio("resident", "fp32").ratio(), 0.03);
        assertEquals(Verdict.LOWER, p.latencyRatio("pruned", "fp32").verdict());
        assertEquals(Verdict.HIGHER, p.latencyRatio("resident", "pruned").verdict());
        assertEquals(30, p.latency("fp32").count());
        assertTrue(p.warmupSettled());
        assertTrue(p.warmupRounds() >= PairedProfiler.SETTLE_WINDOW, "warm-up rounds: " + p.warmupRounds());
    }

    @Test
    void warmUpLastsUntilThreeRoundsAgree() throws Exception {
        // a JVM that speeds up by 15 % an inference until it reaches 10 ms (inference 9, round 5)
        AtomicLong clock = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        INDArray out = Nd4j.scalar(1f);
        Supplier<INDArray> warming = () -> {
            clock.addAndGet((long) Math.max(10 * MS, 40 * MS * Math.pow(0.85, calls.getAndIncrement())));
            return out;
        };
        PairedProfile p = PairedProfiler.builder().ticker(Tickers.of(clock::get)).synchronizer(() -> { }).rounds(10).build()
                .compare("a", warming, "b", warming);
        assertTrue(p.warmupSettled());
        assertEquals(7, p.warmupRounds(), "rounds 5, 6 and 7 are the first three at the floor");
        assertEquals(Verdict.SAME, p.latencyRatio("b", "a").verdict());
        assertTrue(PairedProfiler.settled(new double[] {10, 10.5, 9.6}, 0.10));
        assertFalse(PairedProfiler.settled(new double[] {10, 10.5, 12}, 0.10));
    }

    @Test
    void everyArmRunsInEveryPositionEquallyOften() throws Exception {
        FakeJvm jvm = new FakeJvm(0);
        Map<String, Supplier<INDArray>> arms = new LinkedHashMap<>();
        arms.put("a", jvm.arm("a", MS));
        arms.put("b", jvm.arm("b", MS));
        arms.put("c", jvm.arm("c", MS));
        profiler(jvm).maxWarmupRounds(0).rounds(12).build().compare(arms);
        Map<String, int[]> positions = new LinkedHashMap<>();
        for (int i = 0; i < jvm.log.size(); i++) {
            positions.computeIfAbsent(jvm.log.get(i), k -> new int[3])[i % 3]++;
        }
        positions.forEach((arm, counts) -> {
            for (int c : counts) {
                assertEquals(4, c, arm + " ran in each position 4 times in 12 rounds");
            }
        });
    }

    @Test
    void aTimeBudgetStopsAfterTheMinimumRounds() throws Exception {
        FakeJvm jvm = new FakeJvm(0);
        PairedProfile p = profiler(jvm).maxWarmupRounds(0).rounds(100).minRounds(12).timeBudget(Duration.ofMillis(50))
                .build().compare("x", jvm.arm("x", 10 * MS), "y", jvm.arm("y", 10 * MS));
        assertEquals(12, p.rounds());
        assertEquals(12, p.latency("y").count());
    }

    @Test
    void energyIsPairedPerTurnWithIdlePowerSubtracted() throws Exception {
        FakeJvm jvm = new FakeJvm(0);
        // a sensor that sees 10 W of idle power plus 5 W while "y" runs, 20 W while "x" runs
        AtomicLong wattsNow = new AtomicLong(10);
        EnergyMeter meter = new EnergyMeter() {
            @Override
            public String name() {
                return "fake-sensor";
            }

            @Override
            public boolean estimated() {
                return false;
            }

            @Override
            public double measureIdleWatts(Duration d) {
                return 10.0;
            }

            @Override
            public Session start() {
                long t0 = jvm.clock.get();
                return new Session() {
                    @Override
                    public EnergyReading stop() {
                        Duration d = Duration.ofNanos(jvm.clock.get() - t0);
                        double w = wattsNow.get();
                        return EnergyReading.measured("fake-sensor", d, w * d.toNanos() / 1e9).withPeakWatts(w)
                                .withSampleCount(10);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        Supplier<INDArray> x = jvm.arm("x", 10 * MS);
        Supplier<INDArray> y = jvm.arm("y", 10 * MS);
        PairedProfile p = profiler(jvm).energyMeter(meter).idleBaseline(Duration.ofMillis(1)).rounds(20).build()
                .compare("x", () -> {
                    wattsNow.set(30);
                    return x.get();
                }, "y", () -> {
                    wattsNow.set(15);
                    return y.get();
                });
        // above idle: x 20 W, y 5 W over the same time: y uses a quarter of x's energy
        PairedComparison e = p.energyRatio("y", "x").orElseThrow();
        assertEquals(0.25, e.ratio(), 0.02);
        assertEquals(Verdict.LOWER, e.verdict());
        assertEquals(Verdict.SAME, p.latencyRatio("y", "x").verdict());
        PairedProfile.EnergyMethod m = p.energy().orElseThrow();
        assertEquals("fake-sensor", m.meter());
        assertFalse(m.estimated());
        assertEquals(10.0, m.idleWatts());
        assertEquals(1000.0, m.samplesPerSecond(), 1.0);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PairedProfiler.builder().rounds(0));
        assertThrows(IllegalArgumentException.class, () -> PairedProfiler.builder().margin(1.5));
        assertThrows(IllegalStateException.class, () -> PairedProfiler.builder().idleBaseline(Duration.ofSeconds(1)).build());
        FakeJvm jvm = new FakeJvm(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> profiler(jvm).build().compare("fp32", jvm.arm("a", MS), "fp32", jvm.arm("b", MS)));
        assertTrue(e.getMessage().contains("fp32"), e.getMessage());
        PairedProfile p;
        try {
            p = profiler(jvm).rounds(3).maxWarmupRounds(0).build().compare("a", jvm.arm("a", MS), "b", jvm.arm("b", MS));
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
        e = assertThrows(IllegalArgumentException.class, () -> p.latencyRatio("nope", "a"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
