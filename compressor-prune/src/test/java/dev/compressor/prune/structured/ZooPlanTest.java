package dev.compressor.prune.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.junit.jupiter.api.Test;

/** Channel plans of the zoo's full-size configurations (no parameters are allocated). */
class ZooPlanTest {

    @Test
    void vgg16HasThirteenFilterGroupsAndTwoDenseGroups() {
        ChannelPlan plan = ChannelPruning.plan(new ComputationGraph(VGG16.builder().numClasses(1000).build().conf()));
        List<ChannelGroup> prunable = plan.prunable();
        assertEquals(15, prunable.size(), plan.toString());
        assertEquals(13, prunable.stream().filter(plan::isConvolutional).count());
        assertFalse(plan.groupOf("20").prunable());
        assertEquals(List.of("18"), plan.groupOf("16").consumers(), "the last conv feeds fc6 through the flatten");
    }

    @Test
    void resnet50InnerChannelsAndResidualStagesAreDependencyGroups() {
        ChannelPlan plan = ChannelPruning.plan(new ComputationGraph(
                ResNet50.builder().numClasses(1000).build().graphBuilder().build()));
        ChannelGroup inner = plan.groupOf("res3b_branch2a");
        assertEquals(List.of("res3b_branch2a"), inner.producers());
        assertEquals(List.of("bn3b_branch2a"), inner.normalizations());
        assertEquals(List.of("res3b_branch2b"), inner.consumers());
        assertTrue(inner.prunable());
        ChannelGroup stage3 = plan.groupOf("res3a_branch1");
        assertEquals(java.util.Set.of("res3a_branch2c", "res3a_branch1", "res3b_branch2c", "res3c_branch2c",
                "res3d_branch2c"), java.util.Set.copyOf(stage3.producers()), plan.toString());
        assertEquals(512, stage3.channels());
        assertTrue(stage3.prunable(), "a residual stage loses the same channels in every block");
        assertFalse(plan.groupOf("output").prunable());
        // stem + 16 blocks x 2 inner groups + 4 stages
        assertEquals(1 + 32 + 4, plan.prunable().size(), plan.toString());
    }
}
