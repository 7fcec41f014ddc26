package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SmallNetworkTest {

    @Test
    void everyNetworkMapsImagesToTenProbabilities() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        Set<String> ids = new HashSet<>();
        for (SmallNetwork n : SmallNetwork.values()) {
            ComputationGraph net = n.network(1);
            INDArray y = net.outputSingle(false, x);
            assertEquals(2, y.size(0), n.id());
            assertEquals(10, y.size(1), n.id());
            assertEquals(1.0, y.getRow(0).sumNumber().doubleValue(), 1e-4, n.id());
            assertTrue(net.numParams() > 10_000 && net.numParams() < 1_000_000, n.id() + " " + net.numParams());
            assertTrue(ids.add(n.id()));
            assertEquals(n, SmallNetwork.byId(n.id().toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void familiesKeepTheirDefiningBlocks() {
        assertTrue(count(SmallNetwork.INCEPTION_V1, ConvolutionLayer.class, 5) >= 2, "v1 has 5x5 branches");
        assertEquals(0, count(SmallNetwork.INCEPTION_V1, BatchNormalization.class, 0), "v1 has no batch norm");
        assertEquals(0, count(SmallNetwork.INCEPTION_V2, ConvolutionLayer.class, 5), "v2 replaced 5x5 by 3x3 pairs");
        assertTrue(count(SmallNetwork.INCEPTION_V2, BatchNormalization.class, 0) > 10);
        assertTrue(asymmetric(SmallNetwork.INCEPTION_V3) >= 6, "v3 factorises n x n into 1 x n and n x 1");
        assertTrue(asymmetric(SmallNetwork.INCEPTION_V4) >= 6);
        assertTrue(vertices(SmallNetwork.INCEPTION_V4, MergeVertex.class) >= 6, "v4 has a branched stem + 5 blocks");
        assertEquals(3, vertices(SmallNetwork.RESNET11, ElementWiseVertex.class));
        assertEquals(6, vertices(SmallNetwork.RESNET20, ElementWiseVertex.class));
        assertEquals(9, vertices(SmallNetwork.RESNET29, ElementWiseVertex.class));
        assertEquals(6, count(SmallNetwork.VGG8, ConvolutionLayer.class, 3));
        assertEquals(8, count(SmallNetwork.VGG10, ConvolutionLayer.class, 3));
        assertEquals(0, count(SmallNetwork.VGG8, BatchNormalization.class, 0), "vgg8: plain VGG");
        assertEquals(8, count(SmallNetwork.VGG10, BatchNormalization.class, 0), "vgg10: VGG with batch norm");
        assertEquals(6, count(SmallNetwork.MOBILENET, DepthwiseConvolution2D.class, 0));
        assertEquals(0, vertices(SmallNetwork.VGG8, MergeVertex.class) + vertices(SmallNetwork.VGG8, ElementWiseVertex.class));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        assertEquals(SmallNetwork.VGG8.network(5).params(), SmallNetwork.VGG8.network(5).params());
        assertTrue(!SmallNetwork.VGG8.network(5).params().equals(SmallNetwork.VGG8.network(6).params()));
    }

    @Test
    void rejectsUnknownIdsAndBadLearningRates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmallNetwork.byId("alexnet"));
        assertTrue(e.getMessage().contains("known: inception_v1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SmallNetwork.VGG8.configuration(1, 0));
    }

    /** Counts layers of a type; for convolutions, those with a k x k kernel (k = 0: any layer of the type). */
    private static int count(SmallNetwork n, Class<?> type, int k) {
        ComputationGraphConfiguration c = n.configuration(1);
        int found = 0;
        for (var v : c.getVertices().values()) {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv && type.isInstance(lv.getLayerConf().getLayer())) {
                if (k == 0 || (lv.getLayerConf().getLayer() instanceof ConvolutionLayer cl
                        && cl.getKernelSize()[0] == k && cl.getKernelSize()[1] == k)) {
                    found++;
                }
            }
        }
        return found;
    }

    private static int asymmetric(SmallNetwork n) {
        int found = 0;
        for (var v : n.configuration(1).getVertices().values()) {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof ConvolutionLayer cl
                    && cl.getKernelSize()[0] != cl.getKernelSize()[1]) {
                found++;
            }
        }
        return found;
    }

    private static int vertices(SmallNetwork n, Class<?> type) {
        return (int) n.configuration(1).getVertices().values().stream().filter(type::isInstance).count();
    }
}
