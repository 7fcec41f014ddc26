package dev.compressor.api.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.profile.PairedProfiler;
import dev.compressor.api.profile.Profiler;
import dev.compressor.api.testdata.TestNetworks;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A lambda is a {@link QualityMetric}, and the advisor decides on the values it returns. */
class QualityMetricLambdaTest {

    @Test
    void aLambdaIsAQualityMetricAndItsValuesDriveTheAdvice() {
        MultiLayerNetwork net = TestNetworks.smallMln(3);
        INDArray input = TestNetworks.smallMlnInput(4, 3);
        INDArray reference = net.output(input);
        List<Double> seen = new ArrayList<>();
        // agreement with the fp32 outputs: 1 when identical, lower the further they move
        QualityMetric agreement = network -> {
            double d = ((MultiLayerNetwork) network).output(input).distance1(reference) / reference.length();
            double q = 1 - 100 * d;
            seen.add(q);
            return q;
        };
        assertEquals("quality", agreement.name());
        Advice advice = Advisor.builder().quality(agreement).inputs(TestNetworks.smallMlnInput(1, 3))
                .profiler(Profiler.builder().warmupIterations(1).measuredIterations(3).build())
                .pairedProfiler(PairedProfiler.builder().rounds(3).maxWarmupRounds(3).build())
                .constraints(Constraints.none().withMaxQualityDrop(0))
                .candidates(List.of(Candidate.of("fp32 again", Compressors.identity(), 1),
                        Candidate.of("fp16", Compressors.fp16(), 1)))
                .build().advise(net);
        assertEquals(1.0, advice.baseline().quality(), 0.0, "the baseline agrees with itself");
        Measurement fp16 = advice.find("fp16").orElseThrow();
        assertTrue(fp16.quality() < 1.0, "fp16 moves the outputs: " + fp16.quality());
        assertTrue(seen.contains(fp16.quality()), "the advisor recorded the lambda's value: " + seen);
        assertEquals(1.0, advice.find("fp32 again").orElseThrow().quality(), 0.0);
        assertTrue(advice.reasons().stream().anyMatch(r -> r.startsWith("fp16: breaks quality drop")),
                "a zero quality-drop limit rules fp16 out on the lambda's value: " + advice.reasons());
    }
}
