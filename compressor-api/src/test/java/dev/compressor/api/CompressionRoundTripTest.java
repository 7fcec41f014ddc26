package dev.compressor.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.testdata.TestNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CompressionRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(OuterCompression.class)
    void fp32MultiLayerNetworkRoundTripsExactlyThroughEveryOuterCompression(OuterCompression c) throws Exception {
        MultiLayerNetwork net = TestNetworks.smallMln(7);
        INDArray in = TestNetworks.smallMlnInput(4, 1);
        INDArray expected = net.output(in);
        INDArray paramsBefore = net.params().dup();

        CompressionResult r = Compressors.identity().compress(net);
        Path file = dir.resolve("mln" + c.suffix());
        r.artifact().write(file, c);
        MultiLayerNetwork restored = CompressedModel.read(file).restoreMultiLayerNetwork();

        assertEquals(paramsBefore, net.params(), "input network must not change");
        assertEquals(net.params(), restored.params());
        assertArrayEquals(expected.dup('c').data().asFloat(), restored.output(in).dup('c').data().asFloat(), 0f);
        assertArrayEquals(expected.dup('c').data().asFloat(), ((MultiLayerNetwork) r.network()).output(in).dup('c').data().asFloat(), 0f);
        assertTrue(Double.isInfinite(r.report().total().sqnrDb()));
        assertEquals(32.0, r.report().total().bitsPerWeight(), 1e-9);
    }

    @Test
    void graphWithResidualAddAndMergeRoundTripsExactly() throws Exception {
        ComputationGraph cg = TestNetworks.residualGraph(3);
        INDArray in = Nd4j.rand(DataType.FLOAT, 2, 1, 10, 10);
        INDArray expected = cg.outputSingle(in);

        CompressionResult r = Compressors.identity().compress(cg);
        Path file = dir.resolve("cg.dlc");
        r.artifact().write(file);
        ComputationGraph restored = CompressedModel.read(file).restoreComputationGraph();

        assertNotSame(cg, restored);
        assertEquals(cg.params(), restored.params());
        assertArrayEquals(expected.dup('c').data().asFloat(), restored.outputSingle(in).dup('c').data().asFloat(), 0f);
    }

    @Test
    void halfPrecisionStaysWithinItsRoundingBound() throws Exception {
        MultiLayerNetwork net = TestNetworks.smallMln(11);
        float[] original = net.params().dup('c').data().asFloat();
        for (Compressor c : new Compressor[] {Compressors.fp16(), Compressors.bf16()}) {
            CompressionResult r = c.compress(net);
            Path file = dir.resolve(c.describe() + ".dlc");
            r.artifact().write(file);
            float[] restored = CompressedModel.read(file).restore().params().dup('c').data().asFloat();
            // relative rounding error: 2^-11 for fp16 (normal range), 2^-8 for bf16
            double rel = c.describe().equals("fp16") ? Math.pow(2, -11) : Math.pow(2, -8);
            for (int i = 0; i < original.length; i++) {
                double bound = Math.abs(original[i]) * rel + Math.pow(2, -24);
                assertTrue(Math.abs(original[i] - restored[i]) <= bound,
                        c.describe() + " element " + i + ": " + original[i] + " -> " + restored[i]);
            }
            assertEquals(16.0, r.report().total().bitsPerWeight(), 1e-9);
            assertTrue(r.report().total().sqnrDb() > (c.describe().equals("fp16") ? 60 : 40),
                    c.describe() + " SQNR " + r.report().total().sqnrDb());
            assertArrayEquals(restored, r.network().params().dup('c').data().asFloat(), 0f,
                    "runnable network and artifact agree");
        }
    }

    @Test
    void sameModelSettingsAndSeedGiveByteIdenticalArtifacts() throws Exception {
        Path a = dir.resolve("a.dlc");
        Path b = dir.resolve("b.dlc");
        Compressors.fp16().compress(TestNetworks.residualGraph(5), 9).artifact().write(a);
        Compressors.fp16().compress(TestNetworks.residualGraph(5), 9).artifact().write(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        for (OuterCompression c : OuterCompression.values()) {
            MultiLayerNetwork net = TestNetworks.smallMln(2);
            assertArrayEquals(Compressors.identity().compress(net).artifact().toBytes(c),
                    Compressors.identity().compress(TestNetworks.smallMln(2)).artifact().toBytes(c), c.name());
        }
    }

    @Test
    void pipelineAppliesBothStepsInOrder() {
        MultiLayerNetwork net = TestNetworks.smallMln(4);
        Compressor p = Compressors.bf16(TensorSelector.weights()).then(Compressors.fp16(TensorSelector.kinds(
                dev.compressor.api.tensor.ParamKind.BIAS)));
        CompressionResult r = p.compress(net);
        assertEquals("bf16 -> fp16", p.describe());
        assertEquals(java.util.List.of("bf16", "fp16"), r.state().steps());
        for (TensorReport t : r.report().tensors()) {
            String expected = t.kind().isWeightLike() ? "bf16"
                    : t.kind() == dev.compressor.api.tensor.ParamKind.BIAS ? "fp16" : "fp32";
            assertEquals(expected, t.encoding(), t.name());
        }
        assertTrue(r.report().toTable().contains("total"));
    }
}
