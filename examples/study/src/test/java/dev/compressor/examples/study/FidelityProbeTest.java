package dev.compressor.examples.study;

import dev.compressor.examples.fidelity.Fidelity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class FidelityProbeTest {

    private static final long SEED = 42;

    @Test
    void theFp32NetworkAgainstItselfIsExactOverTheDefaultImageCount() {
        SweepNetwork tiny = SweepNetwork.byId("tiny_cnn");
        ComputationGraph net = tiny.build(SEED);
        FidelityProbe probe = FidelityProbe.of(net, tiny, SEED, FidelityProbe.DEFAULT_IMAGES);
        assertEquals(256, probe.count());
        assertEquals(new Fidelity(0, 0, 1, 1, 0, 256), probe.compare(net));
    }

    @Test
    void aPerturbedCopyAgreesLess() {
        SweepNetwork tiny = SweepNetwork.byId("tiny_cnn");
        ComputationGraph net = tiny.build(SEED);
        FidelityProbe probe = FidelityProbe.of(net, tiny, SEED, FidelityProbe.DEFAULT_IMAGES);
        ComputationGraph perturbed = net.clone();
        INDArray p = perturbed.params();
        Nd4j.getRandom().setSeed(7);
        // every parameter times (1 + 0.5 N(0, 1)): a large, reproducible change
        p.muli(Nd4j.randn(DataType.FLOAT, p.shape()).muli(0.5).addi(1));
        Fidelity f = probe.compare(perturbed);
        assertEquals(256, f.positions());
        assertTrue(f.relativeL2() > 0.05, "relative L2 " + f.relativeL2());
        assertTrue(f.maxAbsDiff() > 0, "max abs diff " + f.maxAbsDiff());
        assertTrue(f.klDivergence() > 0, "KL " + f.klDivergence());
        assertTrue(f.top1Agreement() < 1, "top-1 agreement " + f.top1Agreement());
        assertTrue(f.top5Agreement() >= f.top1Agreement() && f.top5Agreement() <= 1, "top-5 " + f.top5Agreement());
    }

    @Test
    void sequenceOutputsCountEveryTimeStep() {
        SweepNetwork tiny = SweepNetwork.byId("tiny_nmt");
        ComputationGraph net = tiny.build(SEED);
        FidelityProbe probe = FidelityProbe.of(net, tiny, SEED, 20); // 20 inferences of one sequence each
        Fidelity f = probe.compare(net);
        assertEquals(20 * 7, f.positions(), "20 sequences of 7 target tokens");
        assertEquals(0.0, f.relativeL2());
        assertEquals(0.0, f.klDivergence());
        assertEquals(1.0, f.top1Agreement());
    }

    @Test
    void rejectsAnEmptyProbeAndAnotherOutputShape() {
        SweepNetwork tiny = SweepNetwork.byId("tiny_cnn");
        ComputationGraph net = tiny.build(SEED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FidelityProbe.of(net, tiny, SEED, 0));
        assertEquals("fidelity needs at least one input, got count 0", e.getMessage());
        FidelityProbe probe = FidelityProbe.of(net, tiny, SEED, 3);
        ComputationGraph fiveClasses = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(32, 32, 3))
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(5)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build());
        fiveClasses.init();
        e = assertThrows(IllegalArgumentException.class, () -> probe.compare(fiveClasses));
        assertEquals("output shape [1, 5] differs from the reference's [1, 10]", e.getMessage());
    }
}
