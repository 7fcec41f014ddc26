package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every family's committed trained weights load into its current configuration and classify real
 * test images (the first 300) as trained (see each network's .json for its accuracy on all 10,000;
 * 300 examples vary by a few points around it). A family without committed weights is skipped.
 */
class SmallTierWeightsTest {

    @ParameterizedTest
    @EnumSource(SmallNetwork.class)
    void committedWeightsLoadAndClassifyRealImages(SmallNetwork network) throws IOException {
        Optional<ComputationGraph> committed = SmallTierWeights.fromClasspath(network);
        assumeTrue(committed.isPresent(), "no committed weights for " + network.id() + " yet (SMALL_TIER.md)");
        ComputationGraph net = committed.get();
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
