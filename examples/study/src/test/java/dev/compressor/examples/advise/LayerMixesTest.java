package dev.compressor.examples.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.TensorReport;
import dev.compressor.api.tensor.ParamKind;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * The per-layer mix generator: the bit allocation on sensitivities given by hand (sensitive layers
 * keep more bits, robust ones get fewer), and the generator on a real trained network (the mixes
 * quantize each layer to the width they say).
 */
class LayerMixesTest {

    /** Three layers: one hurt at 4 bits, one robust down to 2, one fine at 4 and hurt below. */
    static QuantSensitivity handMade() {
        return new QuantSensitivity("top-1", 0.90, List.of("sensitive", "robust", "middle"),
                new long[] {1_000, 10_000, 5_000}, new int[] {4, 3, 2},
                new double[][] {{0.88, 0.85, 0.50}, {0.90, 0.90, 0.90}, {0.90, 0.897, 0.89}});
    }

    @Test
    void sensitiveLayersKeepMoreBitsAndRobustOnesGetFewer() {
        assertEquals(Map.of("sensitive", 8, "robust", 2, "middle", 3),
                BitAllocation.allocate(handMade(), 8, 0.005));
        assertEquals(Map.of("sensitive", 8, "robust", 2, "middle", 4),
                BitAllocation.allocate(handMade(), 8, 0.0));
        assertEquals(Map.of("sensitive", 2, "robust", 2, "middle", 2),
                BitAllocation.allocate(handMade(), 8, 1.0));
    }

    @Test
    void aNarrowerWidthThatLooksBetterIsChargedTheWiderWidthsLoss() {
        QuantSensitivity noisy = new QuantSensitivity("top-1", 0.90, List.of("a"), new long[] {100},
                new int[] {4, 3}, new double[][] {{0.89, 0.905}});
        assertEquals(0.01, noisy.loss(0, 1), 1e-12);
        assertEquals(Map.of("a", 8), BitAllocation.allocate(noisy, 8, 0.005));
    }

    @Test
    void mixesFromSensitivityAreNonUniformAndNamedByTheirBudget() {
        LayerMixes gen = LayerMixes.of(new Top1AccuracyStub(), 0.005);
        List<LayerMix> mixes = gen.quantizationMixes(handMade());
        assertFalse(mixes.isEmpty());
        LayerMix first = mixes.get(0);
        assertEquals("qmix-0.25pt", first.candidate().name());
        assertEquals(Map.of("sensitive", "8 bits", "robust", "2 bits", "middle", "4 bits"), first.perLayer());
        for (LayerMix m : mixes) {
            assertTrue(m.perLayer().values().stream().distinct().count() > 1, m.describe());
        }
        assertThrows(IllegalArgumentException.class, () -> gen.bits(8, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> LayerMixes.of(new Top1AccuracyStub(), 0));
    }

    @Test
    void onARealNetworkEachMixQuantizesEveryLayerToTheWidthItStates() throws Exception {
        MultiLayerNetwork net = TrainedMlp.train();
        Top1Accuracy metric = Top1Accuracy.forNetwork(net, FashionMnistData.fromClasspath().test().first(300));
        assertTrue(metric.flatInputs());
        LayerMixes gen = LayerMixes.of(metric, 0.01).bits(8, 4, 2);
        QuantSensitivity s = gen.quantSensitivity(net);
        System.out.print(s.toTable());
        assertEquals(List.of("layer0", "layer1", "layer2"), s.layers());
        assertEquals(784 * 96, s.parameters()[0]);
        assertEquals(48 * 10, s.parameters()[2]);
        assertTrue(s.baseline() > 0.6, "trained: " + s.baseline());
        List<LayerMix> mixes = gen.quantizationMixes(s);
        assertFalse(mixes.isEmpty(), s.toString());
        for (LayerMix m : mixes) {
            System.out.println(m.describe());
            CompressionResult r = m.candidate().compressor().compress(net);
            for (TensorReport t : r.report().tensors()) {
                if (t.kind() == ParamKind.WEIGHT) {
                    int bits = Integer.parseInt(m.perLayer().get(t.layerName()).replace(" bits", ""));
                    assertTrue(t.bitsPerWeight() >= bits && t.bitsPerWeight() < bits + 2, // + scales and header
                            t.layerName() + " stored at " + t.bitsPerWeight() + " bits/weight, mix says " + bits);
                }
            }
        }
    }

    /** A metric that is never evaluated (mixes from a given sensitivity need no measurement). */
    static final class Top1AccuracyStub implements dev.compressor.prune.SensitivityMetric {
        @Override
        public String name() {
            return "top-1";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        public double evaluate(org.deeplearning4j.nn.api.Model network) {
            throw new AssertionError("not measured");
        }
    }
}
