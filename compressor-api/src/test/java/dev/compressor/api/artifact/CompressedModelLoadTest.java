package dev.compressor.api.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.compressor.api.Compressors;
import dev.compressor.api.testdata.TestNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link CompressedModel#load(Path)}: read and restore in one step, parameter memory prepared in parallel. */
class CompressedModelLoadTest {

    @TempDir
    Path dir;

    @Test
    void loadGivesTheSameNetworkAsReadThenRestore() throws Exception {
        MultiLayerNetwork mln = TestNetworks.smallMln(3);
        Path f = dir.resolve("mln.dlc");
        Compressors.identity().compress(mln).artifact().write(f);
        Model loaded = CompressedModel.load(f);
        MultiLayerNetwork viaRead = CompressedModel.read(f).restoreMultiLayerNetwork();
        INDArray x = TestNetworks.smallMlnInput(4, 9);
        assertEquals(mln.params(), ((MultiLayerNetwork) loaded).params());
        assertEquals(viaRead.output(x), assertInstanceOf(MultiLayerNetwork.class, loaded).output(x));

        ComputationGraph cg = TestNetworks.residualGraph(5);
        Path g = dir.resolve("cg.dlc");
        Compressors.fp16().compress(cg).artifact().write(g, OuterCompression.XZ);
        ComputationGraph back = assertInstanceOf(ComputationGraph.class, CompressedModel.load(g));
        INDArray y = Nd4j.rand(2, 1, 10, 10);
        assertEquals(CompressedModel.read(g).restoreComputationGraph().outputSingle(y), back.outputSingle(y));
    }

    @Test
    void loadRejectsACorruptFileWithTheSameProblemAsRead() throws Exception {
        Path f = dir.resolve("bad.dlc");
        Compressors.identity().compress(TestNetworks.smallMln(1)).artifact().write(f);
        byte[] b = Files.readAllBytes(f);
        b[b.length - 7] ^= 0x10; // inside the payload, after the manifest
        Files.write(f, b);
        ArtifactException viaRead = assertThrows(ArtifactException.class, () -> CompressedModel.read(f));
        ArtifactException viaLoad = assertThrows(ArtifactException.class, () -> CompressedModel.load(f));
        assertEquals(viaRead.problem(), viaLoad.problem());
        assertEquals(viaRead.getMessage(), viaLoad.getMessage());
        assertEquals(ArtifactException.Problem.IO,
                assertThrows(ArtifactException.class, () -> CompressedModel.load(dir.resolve("missing.dlc"))).problem());
    }
}
