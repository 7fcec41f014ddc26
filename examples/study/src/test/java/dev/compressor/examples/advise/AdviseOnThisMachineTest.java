package dev.compressor.examples.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.advisor.Advice;
import dev.compressor.api.advisor.Advisor;
import dev.compressor.api.advisor.Candidate;
import dev.compressor.api.advisor.Constraints;
import dev.compressor.api.advisor.Measurement;
import dev.compressor.api.advisor.Objective;
import dev.compressor.api.advisor.QualityMetric;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.api.profile.Profiler;
import dev.compressor.api.testdata.FashionMnist;
import dev.compressor.quant.Quantization;
import java.util.List;
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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The advisor with real quantizers on a network trained here on real Fashion-MNIST: it recommends
 * a smaller setting within an accuracy limit, and its latency answer for resident-quantized
 * weights (expanded on every inference) follows what it measured on this machine.
 */
class AdviseOnThisMachineTest {

    static MultiLayerNetwork net;
    static FashionMnist test;

    @BeforeAll
    static void train() {
        net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(FashionMnist.PIXELS).nOut(512).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(512).nOut(512).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(512).nOut(FashionMnist.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.fit(FashionMnist.train().iterator(64), 1);
        test = FashionMnist.test();
    }

    static QualityMetric accuracy() {
        return new QualityMetric() {
            @Override
            public String name() {
                return "top-1";
            }

            @Override
            public double evaluate(Model network) {
                Evaluation e = new Evaluation(FashionMnist.CLASSES);
                e.eval(test.oneHotLabels(), ((MultiLayerNetwork) network).output(test.features()));
                return e.accuracy();
            }
        };
    }

    @Test
    void smallestSettingWithinHalfAPointIsRecommendedAndHoldsWhenRemeasured() throws Exception {
        Advice advice = Advisor.builder().quality(accuracy()).inputs(test.features(1))
                .profiler(Profiler.builder().warmupIterations(2).measuredIterations(10).build())
                .objective(Objective.size()).constraints(Constraints.none().withMaxQualityDrop(0.005))
                .candidates(List.of(Candidate.of("fp16", Compressors.fp16(), 1),
                        Candidate.of("int8-per-channel", Quantization.int8PerChannel(), 2),
                        Candidate.of("int4-per-channel", Quantization.linear(4).perChannel().build(), 2),
                        Candidate.of("kmeans-5", Quantization.kmeans(5).build(), 5)))
                .progress(System.out::println).build().advise(net);
        System.out.print(advice.toTable());
        assertFalse(advice.doNotCompress(), advice.toTable());
        Measurement chosen = advice.recommendation().orElseThrow();
        assertTrue(chosen.artifactBytes() < advice.find("fp16").orElseThrow().artifactBytes(), advice.toTable());

        Model again = CompressedModel.fromBytes(chosen.candidate().compressor().compress(net).artifact()
                .toBytes(OuterCompression.ZSTD), ReadLimits.DEFAULT).restore(chosen.candidate().mode());
        double drop = advice.baseline().quality() - accuracy().evaluate(again);
        assertTrue(drop <= 0.005, "re-measured accuracy drop " + drop);
    }

    /**
     * Latency is measured for real here, so the test asserts that the answer follows from the
     * measurements, whichever way they fall on this machine: "do not compress" with a reason per
     * candidate when none is 5 % faster than fp32, else the fastest one. (The deterministic
     * "every candidate slower" case runs on an exact fake clock in compressor-api's AdvisorTest.)
     */
    @Test
    void latencyAnswerForResidentQuantizedFollowsTheMeasurements() {
        Advice advice = Advisor.builder().quality(accuracy()).inputs(test.features(1))
                .profiler(Profiler.builder().warmupIterations(20).measuredIterations(60).build())
                .objective(Objective.latency())
                .candidates(List.of(
                        new Candidate("int8-per-channel/resident", Quantization.int8PerChannel(),
                                RuntimeMode.RESIDENT_QUANTIZED, 2),
                        new Candidate("kmeans-5/resident", Quantization.kmeans(5).build(),
                                RuntimeMode.RESIDENT_QUANTIZED, 5)))
                .progress(System.out::println).build().advise(net);
        System.out.print(advice.toTable());
        List<Measurement> resident = List.of(advice.find("int8-per-channel/resident").orElseThrow(),
                advice.find("kmeans-5/resident").orElseThrow());
        Measurement fastest = resident.get(0);
        for (Measurement m : resident) {
            assertTrue(m.ok(), m.candidate().name() + " measured: " + m.error());
            if (m.latencyNanos() < fastest.latencyNanos()) {
                fastest = m;
            }
        }
        double bestScore = fastest.latencyNanos() / advice.baseline().latencyNanos();
        if (bestScore > 0.95) {
            assertTrue(advice.doNotCompress(), advice.toTable());
            assertTrue(advice.reasons().get(0).startsWith("do not compress"), advice.reasons().toString());
            for (Measurement m : resident) {
                assertTrue(advice.reasons().stream().anyMatch(r -> r.startsWith(m.candidate().name()
                        + ": meets the constraints but scores")), advice.reasons().toString());
            }
        } else {
            assertEquals(fastest.candidate().name(), advice.recommendation().orElseThrow().candidate().name(),
                    advice.toTable());
        }
    }
}
