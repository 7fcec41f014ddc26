package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class LogitsTest {

    @Test
    void softmaxOfTheLogitsIsTheNetworksOutputAndTheNetworkIsUnchanged() {
        SweepNetwork tiny = SweepNetwork.byId("tiny_cnn");
        ComputationGraph net = tiny.build(3);
        INDArray[] in = tiny.inputs(3);
        INDArray probs = net.output(in)[0].dup();
        INDArray logits = Logits.of(net, in);
        assertArrayEquals(new long[] {1, 10}, logits.shape());
        float[] expected = probs.data().asFloat();
        float[] actual = Transforms.softmax(logits, true).data().asFloat();
        assertArrayEquals(expected, actual, 1e-5f);
        assertTrue(logits.distance2(probs) > 0.1, "logits must differ from probabilities");
        assertArrayEquals(expected, net.output(in)[0].data().asFloat(), 0f);
    }
}
