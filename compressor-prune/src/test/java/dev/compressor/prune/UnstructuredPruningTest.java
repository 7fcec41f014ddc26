package dev.compressor.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressors;
import dev.compressor.api.TensorReport;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.tensor.ParamKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnstructuredPruningTest {

    static MultiLayerNetwork net;

    @BeforeAll
    static void build() {
        net = TestNetworks.mlp(256, 123);
    }

    @Test
    void layerwiseMagnitudeReachesExactSparsityPerWeightTensorAndLeavesBiases() {
        CompressionResult r = Pruning.magnitude(0.5).compress(net);
        for (TensorReport t : r.report().tensors()) {
            if (t.kind() == ParamKind.WEIGHT) {
                assertEquals(Math.round(0.5 * t.parameters()), t.parameters() - t.nonZeros(), t.name());
                assertEquals("bitmask(fp32)", t.encoding());
            } else {
                assertEquals("fp32", t.encoding(), t.name());
            }
        }
        assertArrayEquals(new String[] {"magnitude(0.5000)"}, r.state().steps().toArray());
    }

    @Test
    void globalReachesExactSparsityOverAllWeights() {
        CompressionResult r = Pruning.global(0.9).compress(net);
        long params = 0;
        long zeros = 0;
        for (TensorReport t : r.report().tensors()) {
            if (t.kind() == ParamKind.WEIGHT) {
                params += t.parameters();
                zeros += t.parameters() - t.nonZeros();
            }
        }
        assertEquals(Math.round(0.9 * params), zeros);
        assertEquals("relative-index(fp32)", r.report().tensors().get(0).encoding());
    }

    @Test
    void ninetyPercentArtifactIsAtMostAFifthOfTheDenseOneAndLoadsBackTheSameWeights(@TempDir Path dir)
            throws Exception {
        Path dense = dir.resolve("dense.dlc");
        Path pruned = dir.resolve("pruned.dlc");
        Compressors.identity().compress(net).artifact().write(dense);
        CompressionResult r = Pruning.global(0.9).on(TensorSelector.weights()).compress(net);
        r.artifact().write(pruned);
        double ratio = (double) Files.size(pruned) / Files.size(dense);
        System.out.printf("artifact sizes: dense %d B, 90%% pruned %d B, ratio %.3f%n", Files.size(dense),
                Files.size(pruned), ratio);
        assertTrue(ratio <= 0.2, "ratio " + ratio);
        MultiLayerNetwork back = CompressedModel.read(pruned).restoreMultiLayerNetwork();
        assertEquals(((MultiLayerNetwork) r.network()).params(), back.params());
    }

    @Test
    void compositionNeverRevivesAPrunedWeight() {
        CompressionState s0 = CompressionState.of(net, 1);
        CompressionState s1 = Pruning.magnitude(0.5).apply(s0);
        CompressionState s2 = Pruning.nOfM(2, 4).then(Pruning.global(0.3)).apply(s1);
        for (TensorState t : s1.tensors()) {
            Mask before = Mask.nonZero(t.values().data());
            Mask after = Mask.nonZero(s2.tensor(t.name()).values().data());
            assertTrue(before.covers(after), t.name());
            if (t.info().kind() == ParamKind.WEIGHT) {
                assertTrue(after.sparsity() >= 0.5, t.name());
            }
        }
        assertEquals(3, s2.steps().size());
    }

    @Test
    void pruningKeepsAQuantizersValueEncoderInBothOrders() {
        CompressionResult after = Compressors.fp16().then(Pruning.magnitude(0.75)).compress(net);
        CompressionResult before = Pruning.magnitude(0.75).then(Compressors.fp16()).compress(net);
        for (CompressionResult r : new CompressionResult[] {after, before}) {
            TensorReport w = r.report().tensors().get(0);
            assertTrue(w.encoding().endsWith("(fp16)"), w.encoding());
            assertTrue(w.encoding().startsWith("bitmask") || w.encoding().startsWith("relative-index"));
            assertEquals(0.75, w.sparsity(), 1e-6);
        }
    }

    /** Stands in for a per-channel quantizer's encoder: it stores only tensors of its own shape. */
    record ShapeBoundEncoder(dev.compressor.api.tensor.TensorLayout layout) implements TensorEncoder {
        @Override
        public String encodingId() {
            return "dense-f32";
        }

        @Override
        public int encodingVersion() {
            return 1;
        }

        @Override
        public String describe() {
            return "shape-bound";
        }

        @Override
        public byte[] encode(dev.compressor.api.tensor.FloatTensor tensor) {
            if (!tensor.layout().equals(layout)) {
                throw new IllegalArgumentException("cannot store a tensor of layout " + tensor.layout());
            }
            return DenseEncoders.f32().encode(tensor);
        }
    }

    @Test
    void aValueEncoderBoundToTheTensorShapeFallsBackToFp32Values() {
        CompressionState s = CompressionState.of(net, 1);
        s = s.map(TensorSelector.weights(), t -> t.withEncoder(new ShapeBoundEncoder(t.info().layout())));
        CompressionState pruned = Pruning.global(0.9).apply(s);
        TensorState w = pruned.tensor("0_W");
        assertEquals("relative-index(fp32)", w.encoder().describe());
        CompressionResult r = CompressionResult.of(pruned, "test", 0);
        assertEquals(0.9, r.report().tensors().get(0).sparsity(), 0.01);
    }

    @Test
    void perLayerPrunesOnlyNamedLayersAndRejectsUnknownOnes() {
        CompressionResult r = Pruning.perLayer(Map.of("layer1", 0.6)).compress(net);
        assertEquals(0.0, r.report().tensors().get(0).sparsity(), 1e-9);
        assertEquals(0.6, r.report().layers().get(1).sparsity(), 0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pruning.perLayer(Map.of("nope", 0.5)).compress(net));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void nanWeightsAreRejectedNamingTheTensor() {
        MultiLayerNetwork bad = net.clone();
        bad.getLayer(1).getParam("W").putScalar(3, Float.NaN);
        for (UnstructuredPruning p : new UnstructuredPruning[] {Pruning.magnitude(0.5), Pruning.global(0.5)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.compress(bad));
            assertTrue(e.getMessage().contains("1_W") && e.getMessage().contains("NaN"), e.getMessage());
        }
    }
}
