package dev.compressor.examples.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.VGG19;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parameter counts of the eleven networks, computed from their configurations (no weights allocated),
 * against the canonical figures of STUDY.md.
 */
class StudyNetworkParameterCountTest {

    private static final double TOLERANCE = 0.01;

    @ParameterizedTest
    @EnumSource(value = StudyNetwork.class, names = "NMT", mode = EnumSource.Mode.EXCLUDE)
    void cnnParameterCountIsWithinOnePercentOfCanonical(StudyNetwork net) {
        ComputationGraphConfiguration conf = net.configuration(1L);
        long total = ParameterCounts.total(conf);
        long learnable = ParameterCounts.learnable(conf);
        double diff = relativeDifference(total, net.canonicalParameters());
        System.out.printf("%-28s canonical %,13d (%s; STUDY.md %s)  ours %,13d stored, %,13d learnable,"
                        + " stored differs by %+.3f %%%n", net.displayName(), net.canonicalParameters(),
                net.canonicalSource(), net.studyFigure(), total, learnable, 100 * diff);
        assertTrue(Math.abs(diff) <= TOLERANCE, net + ": " + total + " vs canonical " + net.canonicalParameters());
        assertTrue(Math.abs(relativeDifference(learnable, net.canonicalParameters())) <= TOLERANCE,
                net + " learnable " + learnable);
    }

    @ParameterizedTest
    @EnumSource(value = StudyNetwork.class, names = "NMT", mode = EnumSource.Mode.EXCLUDE)
    void cnnMapsAnImageNetImageToThousandClasses(StudyNetwork net) {
        ComputationGraphConfiguration conf = net.configuration(1L);
        long[] shape = net.inputShape();
        Map<String, InputType> types = conf.getLayerActivationTypes(
                InputType.convolutional(shape[1], shape[2], shape[0]));
        String output = conf.getNetworkOutputs().get(0);
        assertEquals(InputType.feedForward(1000), types.get(output), net + " output " + output);
    }

    @Test
    void canonicalNetworksWithExactReferenceCountsMatchItInLearnableParameters() {
        // Reference implementations count learnable parameters; DL4J also stores BN running statistics.
        for (StudyNetwork net : StudyNetwork.values()) {
            if (net == StudyNetwork.NMT) {
                continue;
            }
            assertEquals(net.canonicalParameters(), ParameterCounts.learnable(net.configuration(1L)), net.id());
        }
    }

    @Test
    void nmtParameterCountEqualsTheLayerByLayerFormula() {
        long v = 32_000;
        long n = 512;
        long embeddings = 2 * v * n;
        long lstm = 4 * (n * n + n * n + n);             // input, recurrent, bias per gate
        long decoderLstm1 = 4 * (2 * n * n + n * n + n);   // reads [embedding; encoder context]
        long attention = n * n + 2 * n * n;                // W_a, W_c (no biases)
        long output = n * v + v;
        long expected = embeddings + 3 * lstm + decoderLstm1 + attention + output;

        long ours = StudyNetwork.NMT.parameterCount();
        double diff = relativeDifference(ours, StudyNetwork.NMT.canonicalParameters());
        System.out.printf("%-28s STUDY.md %s  ours %,d (exact), differs from 59 M by %+.3f %%%n",
                StudyNetwork.NMT.displayName(), StudyNetwork.NMT.studyFigure(), ours, 100 * diff);
        assertEquals(59_415_808L, expected);
        assertEquals(expected, ours);
        assertTrue(Math.abs(diff) <= TOLERANCE);
    }

    @Test
    void vgg16MatchesTheDl4jZooModelWhileTheZooVgg19LacksFc7() {
        assertEquals(ParameterCounts.total(VGG16.builder().numClasses(1000).build().conf()),
                StudyNetwork.VGG16.parameterCount());
        // DL4J 1.0.0-M2.1's zoo VGG19 has a single 4096-wide hidden FC layer: canonical minus fc7.
        long fc7 = 4096L * 4096 + 4096;
        assertEquals(StudyNetwork.VGG19.parameterCount() - fc7,
                ParameterCounts.total(VGG19.builder().numClasses(1000).build().conf()));
    }

    @Test
    void perVertexCountsAddUpAndNameVggLayersCanonically() {
        ComputationGraphConfiguration conf = StudyNetwork.VGG16.configuration(1L);
        Map<String, Long> per = ParameterCounts.perVertex(conf);
        assertEquals(ParameterCounts.total(conf), per.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(3L * 3 * 3 * 64 + 64, per.get("conv1_1"));
        assertEquals(3L * 3 * 512 * 512 + 512, per.get("conv5_3"));
        assertEquals(7L * 7 * 512 * 4096 + 4096, per.get("fc6"));
        assertEquals(4096L * 4096 + 4096, per.get("fc7"));
        assertEquals(4096L * 1000 + 1000, per.get("fc8"));
        long weighted = per.entrySet().stream().filter(e -> e.getValue() > 0).count();
        assertEquals(16, weighted, "VGG-16 has 13 conv + 3 fc layers with parameters");
    }

    private static double relativeDifference(long ours, long canonical) {
        return (double) (ours - canonical) / canonical;
    }
}
