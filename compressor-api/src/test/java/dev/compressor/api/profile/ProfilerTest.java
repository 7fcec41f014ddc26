package dev.compressor.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.energy.PowerSampler;
import dev.compressor.api.energy.PowerSource;
import dev.compressor.api.energy.RailEnergyAccumulator;
import dev.compressor.api.testdata.Tickers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ProfilerTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final AtomicInteger calls = new AtomicInteger();

    /** An inference that takes exactly 2 ms of ticker time and returns a real array. */
    private Supplier<INDArray> twoMillisecondInference() {
        INDArray out = Nd4j.createFromArray(1f, 2f, 3f);
        return () -> {
            calls.incrementAndGet();
            clock.addAndGet(2 * MS);
            return out;
        };
    }

    private static MultiLayerNetwork smallNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void exactLatenciesAndThroughputFromAFakeTicker() throws Exception {
        Profile p = Profiler.builder().warmupIterations(5).measuredIterations(50).batchSize(4).label("fake")
                .ticker(Tickers.of(clock::get)).synchronizer(() -> { }).build().profile(twoMillisecondInference());
        assertEquals(55, calls.get(), "warm-up runs too");
        assertEquals(50, p.count(), "warm-up is not measured");
        LatencyStats l = p.latency();
        assertEquals(2 * MS, l.p50Nanos());
        assertEquals(2 * MS, l.p90Nanos());
        assertEquals(2 * MS, l.p99Nanos());
        assertEquals(2 * MS, l.minNanos());
        assertEquals(2 * MS, l.maxNanos());
        assertEquals(2.0 * MS, l.meanNanos(), 0.0);
        assertEquals(0.0, l.stdDevNanos(), 0.0);
        assertEquals(Duration.ofMillis(100), p.measuredTime());
        assertEquals(500.0, p.inferencesPerSecond(), 1e-9);
        assertEquals(2000.0, p.samplesPerSecond(), 1e-9);
        assertEquals("fake", p.label());
        assertEquals(4, p.batchSize());
        assertEquals(5, p.warmupIterations());
        assertEquals(55 * 4.0, p.outputChecksum(), 0.0); // first + last element (1 + 3) of every output
        assertTrue(p.energy().isEmpty());
        assertTrue(p.joulesPerInference().isEmpty());
    }

    @Test
    void theBackendIsSynchronisedBeforeEveryClockRead() throws Exception {
        AtomicInteger pendingSyncs = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        List<String> violations = new java.util.ArrayList<>();
        Profiler.builder().warmupIterations(2).measuredIterations(7)
                .synchronizer(pendingSyncs::incrementAndGet)
                .ticker(Tickers.of(() -> {
                    reads.incrementAndGet();
                    if (pendingSyncs.getAndSet(0) == 0) {
                        violations.add("clock read " + reads.get() + " without a sync before it");
                    }
                    return clock.get();
                }))
                .build().profile(twoMillisecondInference());
        assertEquals(List.of(), violations);
        assertEquals(14, reads.get(), "a start and an end read per measured inference");
    }

    @Test
    void aTimeBudgetRunsUntilItIsSpent() throws Exception {
        Profile p = Profiler.builder().warmupIterations(0).timeBudget(Duration.ofMillis(21)).ticker(Tickers.of(clock::get))
                .synchronizer(() -> { }).build().profile(twoMillisecondInference());
        assertEquals(11, p.count()); // 2 ms each: after 11 inferences 22 ms >= 21 ms
        assertEquals(11, calls.get());
    }

    @Test
    void aVariedTraceHasPercentilesWithinHdrHistogramPrecision() throws Exception {
        // latencies 1..100 ms: p50 = 50 ms, p90 = 90 ms, p99 = 99 ms, mean 50.5 ms
        AtomicInteger k = new AtomicInteger();
        Profile p = Profiler.builder().warmupIterations(0).measuredIterations(100).ticker(Tickers.of(clock::get))
                .synchronizer(() -> { }).build().profile(() -> {
                    clock.addAndGet(k.incrementAndGet() * MS);
                    return Nd4j.scalar(1f);
                });
        LatencyStats l = p.latency();
        assertEquals(50 * MS, l.p50Nanos(), 50 * MS * 1e-3);
        assertEquals(90 * MS, l.p90Nanos(), 90 * MS * 1e-3);
        assertEquals(99 * MS, l.p99Nanos(), 99 * MS * 1e-3);
        assertEquals(MS, l.minNanos());
        assertEquals(100 * MS, l.maxNanos());
        assertEquals(50.5 * MS, l.meanNanos(), 1e-6);
        double sd = Math.sqrt(100 * 101 / 12.0) * MS; // sample sd of 1..n is sqrt(n(n+1)/12)
        assertEquals(sd, l.stdDevNanos(), 1e-3);
        assertEquals(1.96 * sd / 10, l.ci95HalfWidthNanos(), 1e-3);
    }

    @Test
    void aRealNetworkDoesRealInferenceWhileTheTickerIsFake() throws Exception {
        MultiLayerNetwork net = smallNetwork();
        INDArray input = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 8);
        AtomicLong ticks = new AtomicLong();
        Profile p = Profiler.builder().warmupIterations(3).measuredIterations(20)
                .ticker(Tickers.of(() -> ticks.addAndGet(2 * MS))).build().profile(net, input);
        assertEquals(20, p.count());
        assertEquals(2 * MS, p.latency().p50Nanos());
        assertEquals(2 * MS, p.latency().maxNanos());
        assertEquals(5, p.batchSize(), "taken from the input");
        assertEquals(500.0, p.inferencesPerSecond(), 1e-9);
        assertEquals(2500.0, p.samplesPerSecond(), 1e-9);
        // softmax rows sum to 1 and each output element lies in (0, 1): the checksum proves real outputs were read
        INDArray out = net.output(input);
        double perCall = out.getDouble(0L) + out.getDouble(out.length() - 1);
        assertEquals(23 * perCall, p.outputChecksum(), 1e-4);
        assertTrue(perCall > 0 && perCall < 2);
        assertTrue(p.memory().offHeapBytes() > 0, "ND4J holds the network's parameters off-heap: " + p.memory());
        assertTrue(p.memory().residentBytes() > 0, p.memory().toString());
        assertTrue(p.memory().heapUsedBytes() > 0);
    }

    @Test
    void aComputationGraphIsProfiledOnAllInputs() throws Exception {
        ComputationGraph graph = smallNetwork().toComputationGraph();
        INDArray input = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 8);
        Profile p = Profiler.builder().warmupIterations(1).measuredIterations(3).build().profile(graph, input);
        assertEquals(3, p.count());
        assertEquals(2, p.batchSize());
        assertTrue(p.latency().minNanos() > 0);
        assertThrows(IllegalArgumentException.class, () -> Profiler.builder().build().profile(graph));
    }

    @Test
    void anExplicitBatchSizeMustMatchTheInput() {
        MultiLayerNetwork net = smallNetwork();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Profiler.builder().batchSize(3).build().profile(net, Nd4j.zeros(5, 8)));
        assertTrue(e.getMessage().contains("batchSize was set to 3 but the input [5, 8] holds 5"), e.getMessage());
    }

    @Test
    void anAttachedMeterGivesExactEnergyPerInference() throws Exception {
        // a 5 W power source sampled on the profiler's own clock: 40 inferences x 2 ms = 80 ms -> 0.4 J
        PowerSampler sampler = PowerSampler.of(PowerSource.of(List.of("VDD_IN"), v -> v[0] = 5.0), Duration.ofMillis(1))
                .withTicker(Tickers.of(clock::get));
        EnergyMeter meter = new SampledMeter(sampler);
        Profile p = Profiler.builder().warmupIterations(10).measuredIterations(40).batchSize(2)
                .ticker(Tickers.of(clock::get))
                .synchronizer(() -> { }).energyMeter(meter).build().profile(twoMillisecondInference());
        EnergyReading r = p.energy().orElseThrow();
        assertEquals(Duration.ofMillis(80), r.duration(), "the warm-up is excluded");
        assertEquals(0.4, r.joules(), 1e-12);
        assertEquals(0.01, p.joulesPerInference().getAsDouble(), 1e-12);
        assertEquals(0.005, p.joulesPerSample().getAsDouble(), 1e-12);
        assertEquals(5.0, p.averageWatts().getAsDouble(), 1e-9);
    }

    @Test
    void anIdleBaselineIsMeasuredBeforeTheWarmUpAndSubtracted() throws Exception {
        // 3 W while idle, 5 W once inference has begun: 40 x 2 ms at 5 W = 0.4 J gross, 0.24 J idle
        java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
        PowerSampler sampler = PowerSampler.of(PowerSource.of(List.of("VDD_IN"), v -> v[0] = busy.get() ? 5.0 : 3.0),
                Duration.ofMillis(1)).withTicker(Tickers.of(clock::get));
        Supplier<INDArray> inference = twoMillisecondInference();
        Profile p = Profiler.builder().warmupIterations(3).measuredIterations(40).ticker(Tickers.of(clock::get))
                .synchronizer(() -> { }).energyMeter(new SampledMeter(sampler)).idleBaseline(Duration.ofSeconds(2))
                .sleeper(d -> clock.addAndGet(d.toNanos()))
                .build().profile(() -> {
                    busy.set(true);
                    return inference.get();
                });
        EnergyReading r = p.energy().orElseThrow();
        assertEquals(java.util.Optional.of(3.0), r.idleWatts());
        assertEquals(0.4, r.joules(), 1e-12);
        assertEquals(0.16, r.joulesAboveIdle(), 1e-12);
        assertEquals(0.004, p.joulesAboveIdlePerInference().getAsDouble(), 1e-12);
        assertEquals(0.01, p.joulesPerInference().getAsDouble(), 1e-12);
        assertTrue(r.note().contains("idle baseline 3.000 W measured over 2.000 s"), r.note());
    }

    @Test
    void aFailingMeterFailsTheProfile() {
        EnergyMeter broken = new EnergyMeter() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public boolean estimated() {
                return false;
            }

            @Override
            public Session start() throws EnergyMeterException {
                throw new EnergyMeterException("no sensor");
            }
        };
        EnergyMeterException e = assertThrows(EnergyMeterException.class, () -> Profiler.builder()
                .synchronizer(() -> { }).energyMeter(broken).build().profile(twoMillisecondInference()));
        assertEquals("no sensor", e.getMessage());
        assertFalse(calls.get() > 10, "nothing measured after the meter failed");
    }

    @Test
    void aNullOutputIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Profiler.builder().synchronizer(() -> { }).build().profile(() -> null));
        assertTrue(e.getMessage().contains("returned null"), e.getMessage());
    }

    /** A meter over a {@link PowerSampler}, as a board module would build one. */
    private static final class SampledMeter implements EnergyMeter {
        private final PowerSampler sampler;

        SampledMeter(PowerSampler sampler) {
            this.sampler = sampler;
        }

        @Override
        public String name() {
            return "sampled";
        }

        @Override
        public boolean estimated() {
            return false;
        }

        @Override
        public Session start() throws EnergyMeterException {
            RailEnergyAccumulator energy = RailEnergyAccumulator.ofWatts(List.of("VDD_IN"), List.of("VDD_IN"), "");
            PowerSampler.Running running;
            try {
                running = sampler.start(energy);
            } catch (java.io.IOException e) {
                throw new EnergyMeterException("cannot read the power source: " + e.getMessage(), e);
            }
            return new Session() {
                @Override
                public EnergyReading stop() {
                    running.stop().ifPresent(e -> {
                        throw new IllegalStateException(e);
                    });
                    return energy.toReading("sampled");
                }

                @Override
                public void close() {
                    running.close();
                }
            };
        }
    }
}
