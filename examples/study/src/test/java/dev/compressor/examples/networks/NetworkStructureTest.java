package dev.compressor.examples.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

/** Canonical layer names and activation shapes, read from the configurations (no weights allocated). */
class NetworkStructureTest {

    @Test
    void vgg16HasTheHanEtAlLayerNames() {
        Map<String, Long> per = ParameterCounts.perVertex(StudyNetwork.VGG16.configuration(0L));
        String[] names = {"conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3",
            "conv4_1", "conv4_2", "conv4_3", "conv5_1", "conv5_2", "conv5_3", "fc6", "fc7", "fc8"};
        for (String n : names) {
            assertTrue(per.get(n) > 0, n);
        }
        assertFalse(per.containsKey("conv5_4"));
        assertTrue(ParameterCounts.perVertex(StudyNetwork.VGG19.configuration(0L)).get("conv5_4") > 0);
    }

    @Test
    void finalFeatureMapsHaveTheCanonicalShapes() {
        assertCnn(StudyNetwork.VGG16, "pool5", 7, 512);
        assertCnn(StudyNetwork.RESNET50, "res5c_relu", 7, 2048);
        assertCnn(StudyNetwork.RESNET101, "res4b22_relu", 14, 1024);
        assertCnn(StudyNetwork.RESNET152, "res4b35_relu", 14, 1024);
        assertCnn(StudyNetwork.RESNET152, "res3b7_relu", 28, 512);
        assertCnn(StudyNetwork.INCEPTION_V1, "inception_3b_output", 28, 480);
        assertCnn(StudyNetwork.INCEPTION_V1, "inception_5b_output", 7, 1024);
        assertCnn(StudyNetwork.INCEPTION_V2, "inception_3c_output", 14, 576);
        assertCnn(StudyNetwork.INCEPTION_V2, "inception_4e_output", 7, 1056);
        assertCnn(StudyNetwork.INCEPTION_V2, "inception_5b_output", 7, 1024);
        assertCnn(StudyNetwork.INCEPTION_V3, "MaxPool_5a_3x3", 35, 192);
        assertCnn(StudyNetwork.INCEPTION_V3, "Mixed_6e", 17, 768);
        assertCnn(StudyNetwork.INCEPTION_V3, "Mixed_7c", 8, 2048);
        assertCnn(StudyNetwork.INCEPTION_V4, "Mixed_5a", 35, 384);
        assertCnn(StudyNetwork.INCEPTION_V4, "Mixed_6h", 17, 1024);
        assertCnn(StudyNetwork.INCEPTION_V4, "Mixed_7d", 8, 1536);
        assertCnn(StudyNetwork.MOBILENET_V1, "conv_pw_13_relu", 7, 1024);
    }

    @Test
    void registryIdentifiersAndShapes() {
        assertEquals(11, StudyNetwork.values().length);
        assertEquals(StudyNetwork.VGG16, StudyNetwork.byId("VGG16"));
        assertEquals(299, StudyNetwork.INCEPTION_V4.inputShape()[2]);
        assertEquals("224x224x3", StudyNetwork.RESNET50.inputDescription());
        assertFalse(StudyNetwork.NMT.isImageClassifier());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyNetwork.byId("alexnet"));
        assertTrue(e.getMessage().contains("alexnet"));
    }

    @Test
    void buildersRejectUnknownDepthsWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResNet.configuration(34, 0L))
                .getMessage().contains("34"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Vgg.configuration(11, 0L))
                .getMessage().contains("11"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AttentionNmt.configuration(0, 10, 8, 0L)).getMessage().contains("0"));
    }

    @Test
    void resNetBlockLettersFollowTheCaffeRelease() {
        assertEquals("a", ResNet.blockLetter(0, 3));
        assertEquals("c", ResNet.blockLetter(2, 3));
        assertEquals("f", ResNet.blockLetter(5, 6));
        assertEquals("b1", ResNet.blockLetter(1, 23));
        assertEquals("b22", ResNet.blockLetter(22, 23));
    }

    private static void assertCnn(StudyNetwork net, String layer, int size, int channels) {
        ComputationGraphConfiguration conf = net.configuration(0L);
        long[] in = net.inputShape();
        InputType t = conf.getLayerActivationTypes(InputType.convolutional(in[1], in[2], in[0])).get(layer);
        assertEquals(InputType.convolutional(size, size, channels), t, net + " " + layer);
    }
}
