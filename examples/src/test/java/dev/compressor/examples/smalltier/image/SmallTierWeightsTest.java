package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every family's committed trained weights load into its current configuration and classify real
 * test images (the first 300) as trained: each scored at least 0.87 on all 10,000 (its .json);
 * 300 examples vary by a few points around that.
 */
class SmallTierWeightsTest {

    @ParameterizedTest
    @EnumSource(SmallNetwork.class)
    void committedWeightsLoadAndClassifyRealImages(SmallNetwork network) throws IOException {
        ComputationGraph net = SmallTierWeights.fromClasspath(network).orElseThrow(
                () -> new AssertionError("no committed weights for " + network.id()));
        assertEquals(network.network(42).numParams(), net.numParams(), "weights match the configuration");
        TopKAccuracy a = ImageEvaluator.evaluate(net, FashionMnistData.fromClasspath().test().first(300), 150);
        assertTrue(a.top1() > 0.8, network.id() + ": " + a);
        assertTrue(a.top5() > 0.98, network.id() + ": " + a);
    }

    @Test
    void aFolderWithoutWeightsGivesNothing(@TempDir Path dir) throws IOException {
        assertFalse(SmallTierWeights.fromDirectory(SmallNetwork.INCEPTION_V4, dir).isPresent());
    }
}
