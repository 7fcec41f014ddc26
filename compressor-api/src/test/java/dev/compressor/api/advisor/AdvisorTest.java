package dev.compressor.api.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.profile.PairedComparison;
import dev.compressor.api.profile.PairedProfiler;
import dev.compressor.api.profile.Profiler;
import dev.compressor.api.testdata.FashionMnist;
import dev.compressor.api.testdata.Tickers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The advisor on a network trained here on real Fashion-MNIST. */
class AdvisorTest {

    static MultiLayerNetwork net;
    static FashionMnist test;

    @BeforeAll
    static void train() {
        net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(12).updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(FashionMnist.PIXELS).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(FashionMnist.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.fit(FashionMnist.train().iterator(64), 2);
        test = FashionMnist.test();
    }

    static final class Accuracy implements QualityMetric {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "top-1";
        }

        @Override
        public double evaluate(Model network) {
            calls.incrementAndGet();
            Evaluation e = new Evaluation(FashionMnist.CLASSES);
            INDArray out = ((MultiLayerNetwork) network).output(test.features());
            e.eval(test.oneHotLabels(), out);
            return e.accuracy();
        }
    }

    private static Advisor.Builder base(Accuracy acc) {
        return Advisor.builder().quality(acc).inputs(test.features(1))
                .profiler(Profiler.builder().warmupIterations(1).measuredIterations(5).build())
                .candidates(List.of(Candidate.of("fp16", Compressors.fp16(), 1), Candidate.of("bf16", Compressors.bf16(), 1)));
    }

    @Test
    void recommendationForSizeMeetsTheAccuracyLimitWhenRemeasured() throws Exception {
        Accuracy acc = new Accuracy();
        Advice advice = base(acc).objective(Objective.size()).constraints(Constraints.none().withMaxQualityDrop(0.005))
                .build().advise(net);
        System.out.print(advice.toTable());
        assertFalse(advice.doNotCompress(), advice.toTable());
        Measurement chosen = advice.recommendation().orElseThrow();
        assertTrue(advice.baseline().quality() > 0.80, "trained: " + advice.baseline().quality());
        assertTrue(chosen.artifactBytes() < advice.baseline().artifactBytes() * 0.6);
        assertTrue(advice.paretoFront().contains(chosen));

        // re-measure the recommendation independently
        Candidate c = chosen.candidate();
        byte[] bytes = c.compressor().compress(net).artifact().toBytes(OuterCompression.ZSTD);
        Model again = CompressedModel.fromBytes(bytes, ReadLimits.DEFAULT).restore(c.mode());
        double q = acc.evaluate(again);
        assertTrue(advice.baseline().quality() - q <= 0.005, "re-measured drop " + (advice.baseline().quality() - q));
        assertEquals(chosen.artifactBytes(), bytes.length, "deterministic artifact");
    }

    @Test
    void answersDoNotCompressWhenNoCandidateImprovesTheObjective() {
        // every inference takes exactly 1 ms on this fake clock, so no candidate can be faster
        AtomicLong now = new AtomicLong();
        Profiler fixed = Profiler.builder().warmupIterations(0).measuredIterations(3)
                .ticker(Tickers.of(() -> now.addAndGet(500_000))).build();
        Advice advice = base(new Accuracy()).profiler(fixed).objective(Objective.latency()).build().advise(net);
        assertTrue(advice.doNotCompress(), advice.toTable());
        assertTrue(advice.reasons().get(0).startsWith("do not compress"), advice.reasons().toString());
        assertTrue(advice.reasons().stream().anyMatch(r -> r.contains("no better than the uncompressed")),
                advice.reasons().toString());
    }

    @Test
    void baselineIsProfiledAgainAfterTheCandidatesSoAWarmingJvmDoesNotFlatterThem() {
        // a fake clock on which every inference is a little faster than the one before, like a JVM
        // still compiling: measured in order, each candidate would look faster than the baseline
        AtomicLong now = new AtomicLong();
        AtomicLong ticks = new AtomicLong();
        Profiler warming = Profiler.builder().warmupIterations(0).measuredIterations(3)
                .ticker(Tickers.of(() -> now.addAndGet(Math.max(200_000, 8_000_000 - 50_000 * ticks.incrementAndGet()))))
                .build();
        List<String> progress = new ArrayList<>();
        Advice advice = base(new Accuracy()).profiler(warming).objective(Objective.latency())
                .progress(progress::add).build().advise(net);
        assertTrue(progress.contains("re-measuring fp32 after the candidates (warm JVM)"), progress.toString());
        double baseline = advice.baseline().latencyNanos();
        for (String name : List.of("fp16", "bf16")) {
            assertTrue(baseline < advice.find(name).orElseThrow().latencyNanos(),
                    "the later baseline profile is the one kept: " + advice.toTable());
        }
        assertTrue(advice.doNotCompress(), advice.toTable());
    }

    @Test
    void latencyDecisionsRestOnPairedIntervalsNotOnTheOrderOfMeasurement() {
        // a warming JVM on every clock: measured one after another, each later profile looks faster;
        // in interleaved rounds both arms see the same warming, so no candidate comes out faster
        AtomicLong now = new AtomicLong();
        AtomicLong ticks = new AtomicLong();
        Ticker warmingClock =
                Tickers.of(() -> now.addAndGet(Math.max(200_000, 8_000_000 - 50_000 * ticks.incrementAndGet())));
        Profiler warming = Profiler.builder().warmupIterations(0).measuredIterations(3).ticker(warmingClock).build();
        PairedProfiler paired = PairedProfiler.builder().maxWarmupRounds(0).rounds(20).ticker(warmingClock).build();
        List<String> progress = new ArrayList<>();
        Advice advice = base(new Accuracy()).profiler(warming).pairedProfiler(paired).objective(Objective.latency())
                .progress(progress::add).build().advise(net);
        for (String name : List.of("fp16", "bf16")) {
            Measurement m = advice.find(name).orElseThrow();
            PairedComparison c = m.latencyVsBaseline().orElseThrow(() -> new AssertionError(advice.toTable()));
            assertEquals(20, c.rounds());
            assertNotEquals(PairedComparison.Verdict.LOWER, c.verdict(), advice.toTable());
            assertEquals(c.upper(), m.relative(Metric.LATENCY, advice.baseline()), 0.0);
        }
        assertTrue(advice.doNotCompress(), advice.toTable());
        assertTrue(advice.toTable().contains("latency vs fp32 (paired)"), advice.toTable());
        assertTrue(progress.stream().anyMatch(l -> l.contains("fp16 against fp32, paired: latency")), progress.toString());
    }

    @Test
    void constraintThatNothingMeetsGivesDoNotCompressWithTheBrokenLimits() {
        Advice advice = base(new Accuracy()).constraints(Constraints.none().withMaxBytes(10)).build().advise(net);
        assertTrue(advice.doNotCompress());
        assertTrue(advice.reasons().stream().anyMatch(r -> r.startsWith("fp16: breaks size")), advice.reasons().toString());
    }

    @Test
    void timeBudgetStopsStartingCandidatesAndEarlierMeasurementsAreReused() {
        AtomicLong now = new AtomicLong();
        Accuracy acc = new Accuracy();
        Advisor advisor = base(acc).timeBudget(Duration.ofSeconds(1))
                .ticker(Tickers.of(() -> now.getAndAdd(600_000_000L))).build();
        Advice first = advisor.advise(net);
        assertEquals(1, first.notMeasured().size(), first.toTable());
        int calls = acc.calls.get();
        now.set(0);
        Advice second = advisor.advise(net, first);
        assertEquals(calls + 1, acc.calls.get(), "only the skipped candidate is measured again");
        assertEquals(3, second.measured().size());
        assertTrue(second.notMeasured().isEmpty());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Constraints.none().withMaxQualityDrop(-1));
        assertThrows(IllegalArgumentException.class, () -> new Objective(java.util.Map.of(Metric.SIZE, 0.0)));
        assertThrows(IllegalArgumentException.class,
                () -> Advisor.builder().candidates(List.of(Candidate.of("fp32", Compressors.fp16(), 0))));
        assertThrows(IllegalArgumentException.class, () -> Advisor.builder().timeBudget(Duration.ZERO));
    }
}
