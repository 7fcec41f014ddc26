package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import java.io.IOException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/** The committed trained weights load and classify real test images (first 500) as trained. */
class SmallTierWeightsTest {

    @Test
    void committedVgg8LoadsAndClassifiesRealImages() throws IOException {
        ComputationGraph vgg8 = SmallTierWeights.fromClasspath(SmallNetwork.VGG8).orElseThrow();
        assertEquals(SmallNetwork.VGG8.network(42).numParams(), vgg8.numParams());
        TopKAccuracy a = ImageEvaluator.evaluate(vgg8, FashionMnistData.fromClasspath().test().first(500), 250);
        // whole test split: 0.8589 (vgg8.json); 500 examples vary by a few points around it
        assertTrue(a.top1() > 0.8, a.toString());
        assertTrue(a.top5() > 0.98, a.toString());
    }

    @Test
    void networksWithoutCommittedWeightsAreEmpty() throws IOException {
        assertFalse(SmallTierWeights.fromClasspath(SmallNetwork.INCEPTION_V4).isPresent());
    }
}
