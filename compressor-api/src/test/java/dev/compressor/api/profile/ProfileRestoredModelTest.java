package dev.compressor.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.testdata.TestNetworks;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A {@link Model} as restore, load and CompressionResult.network() return it goes straight into the profiler. */
class ProfileRestoredModelTest {

    private static final Profiler PROFILER = Profiler.builder().warmupIterations(1).measuredIterations(3).build();

    @Test
    void aRestoredMultiLayerNetworkIsProfiledAsOne(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = TestNetworks.smallMln(5);
        INDArray input = TestNetworks.smallMlnInput(2, 5);
        Path file = dir.resolve("net.dlc");
        Compressors.fp16().compress(net).artifact().write(file);
        Model restored = CompressedModel.read(file).restore();
        Model loaded = CompressedModel.load(file);

        Profile p = PROFILER.profile(restored, input);
        Profile q = PROFILER.profile(loaded, input);
        Profile direct = PROFILER.profile((MultiLayerNetwork) restored, input);
        assertEquals(3, p.count());
        assertEquals(2, p.batchSize(), "batch size from the input's first dimension");
        assertEquals(direct.outputChecksum(), p.outputChecksum(), 0.0, "the same network and input as the overload");
        assertEquals(p.outputChecksum(), q.outputChecksum(), 0.0, "load and read+restore give the same network");
    }

    @Test
    void aRestoredGraphAndACompressionResultAreProfiledToo(@TempDir Path dir) throws Exception {
        ComputationGraph graph = TestNetworks.residualGraph(6);
        INDArray input = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 10, 10);
        CompressionResult result = Compressors.identity().compress(graph);
        Model fromResult = result.network();
        Path file = dir.resolve("graph.dlc");
        result.artifact().write(file);
        Model restored = CompressedModel.read(file).restore();

        Profile p = PROFILER.profile(fromResult, input);
        Profile q = PROFILER.profile(restored, input);
        assertEquals(3, p.batchSize());
        assertEquals(PROFILER.profile(graph, input).outputChecksum(), p.outputChecksum(), 0.0,
                "identity compression: the same outputs as the original graph");
        assertEquals(p.outputChecksum(), q.outputChecksum(), 0.0);
    }

    @Test
    void otherModelsAndWrongInputCountsAreRefusedByName() {
        MultiLayerNetwork net = TestNetworks.smallMln(7);
        INDArray input = TestNetworks.smallMlnInput(1, 7);
        Model layer = net.getLayer(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PROFILER.profile(layer, input));
        assertTrue(e.getMessage().contains(layer.getClass().getName())
                && e.getMessage().contains("MultiLayerNetwork or a ComputationGraph"), e.getMessage());
        Model asModel = net;
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> PROFILER.profile(asModel, input, input));
        assertEquals("a MultiLayerNetwork takes one input array, got 2", two.getMessage());
    }
}
