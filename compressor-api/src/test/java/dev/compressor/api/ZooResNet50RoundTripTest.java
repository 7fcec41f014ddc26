package dev.compressor.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.artifact.CompressedModel;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.ResNet50;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The zoo ResNet-50 round-trips. Weights are seeded He-initialised (pretrained ones cannot be
 * downloaded here; the zoo default, a truncated normal with std 0.5, overflows to NaN on any input).
 */
class ZooResNet50RoundTripTest {

    @TempDir
    Path dir;

    @Test
    void resNet50RoundTripsExactlyInFp32AndWithinBoundInFp16() throws Exception {
        ComputationGraph net = ResNet50.builder().numClasses(1000).seed(123)
                .weightInit(new org.deeplearning4j.nn.weights.WeightInitRelu()).build().init();
        Nd4j.getRandom().setSeed(5);
        INDArray in = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        float[] expected = net.outputSingle(in).data().asFloat();
        for (float v : expected) {
            assertTrue(Float.isFinite(v), "fp32 output must be finite");
        }

        Path f32 = dir.resolve("resnet50-f32.dlc");
        Compressors.identity().compress(net).artifact().write(f32);
        ComputationGraph restored = CompressedModel.read(f32).restoreComputationGraph();
        assertEquals(net.numParams(), restored.numParams());
        assertArrayEquals(expected, restored.outputSingle(in).data().asFloat(), 0f);

        Path f16 = dir.resolve("resnet50-f16.dlc");
        Compressors.fp16().compress(net).artifact().write(f16);
        float[] half = CompressedModel.read(f16).restoreComputationGraph().outputSingle(in).data().asFloat();
        double maxDiff = 0;
        for (int i = 0; i < half.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(half[i] - expected[i]));
        }
        // softmax outputs: fp16 weights move class probabilities by far less than 1e-3
        assertTrue(maxDiff < 1e-3, "max softmax difference " + maxDiff);
        System.out.printf("ResNet-50: %d parameters, fp16 max softmax difference %.2e%n", net.numParams(), maxDiff);
    }
}
