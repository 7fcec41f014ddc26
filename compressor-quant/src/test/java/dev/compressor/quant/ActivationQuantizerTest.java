package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.quant.internal.FakeQuantActivation;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationQuantizerTest {

    @Test
    void hiddenActivationsLandOnTheirCalibratedGrid() {
        MultiLayerNetwork net = ResidentNetworksTest.mlp();
        INDArray calib = Nd4j.rand(DataType.FLOAT, 300, 784);
        CompressionResult r = Quantization.activations(calib).build().compress(net);
        MultiLayerNetwork q = (MultiLayerNetwork) r.network();
        for (int i = 0; i < 2; i++) {
            var fn = ((BaseLayer) q.getLayer(i).conf().getLayer()).getActivationFn();
            FakeQuantActivation f = (FakeQuantActivation) fn;
            assertEquals(255, f.maxCode());
            List<INDArray> acts = q.feedForward(calib.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20)),
                    false);
            INDArray codes = acts.get(i + 1).div(f.scale());
            double offGrid = codes.sub(org.nd4j.linalg.ops.transforms.Transforms.round(codes)).amaxNumber()
                    .doubleValue();
            assertTrue(offGrid < 1e-3, "layer " + i + " off the grid by " + offGrid);
        }
        assertFalse(((BaseLayer) q.getLayer(2).conf().getLayer()).getActivationFn() instanceof FakeQuantActivation,
                "output layer keeps fp32 activations by default");
        assertEquals(r.report().total().noiseEnergy(), 0.0, "weights untouched");
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 784);
        INDArray a = net.output(x);
        INDArray b = q.output(x);
        assertTrue(a.sub(b).amaxNumber().doubleValue() < 0.05, "int8 activations change outputs a little");
        assertFalse(a.equalsWithEps(b, 1e-7), "but they do change them");
    }

    @Test
    void graphsAreCalibratedAndRestoreFromTheArtifact() throws Exception {
        ComputationGraph g = ResidentNetworksTest.residualGraph();
        INDArray calib = Nd4j.rand(DataType.FLOAT, 40, 3, 12, 12);
        CompressionResult r = Quantization.int8PerChannel().then(Quantization.activations(calib)
                .observer(Observers.percentile(99.99)).includeOutputLayer().build()).compress(g);
        String json = r.artifact().configJson();
        assertTrue(json.contains(FakeQuantActivation.class.getName()));
        ComputationGraph q = (ComputationGraph) r.network();
        for (String name : List.of("stem", "a", "relu", "out")) {
            assertTrue(activationOf(q, name) instanceof FakeQuantActivation, name);
        }
        assertTrue(r.state().steps().get(1).startsWith("activations int8 asym per-tensor percentile"));
        assertTrue(r.report().tensors().stream().anyMatch(t -> t.encoding().startsWith("int8")),
                "the weight quantizer's encodings survive the activation step");
        CompressedModel back = CompressedModel.fromBytes(r.artifact().toBytes(OuterCompression.ZSTD),
                ReadLimits.DEFAULT);
        ComputationGraph restored = back.restoreComputationGraph();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 12, 12);
        assertEquals(q.outputSingle(x), restored.outputSingle(x));
        assertEquals(activationOf(q, "a"), activationOf(restored, "a"));
    }

    private static Object activationOf(ComputationGraph g, String name) {
        var l = g.getLayer(name).conf().getLayer();
        return l instanceof BaseLayer b ? b.getActivationFn()
                : ((org.deeplearning4j.nn.conf.layers.ActivationLayer) l).getActivationFn();
    }
}
