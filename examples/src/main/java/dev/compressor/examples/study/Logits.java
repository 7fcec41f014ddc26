package dev.compressor.examples.study;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pre-activation outputs (logits) of a network: a twin graph whose output layers use the identity
 * activation and which shares the network's parameter buffer (no copy). Seeded full-size networks
 * often saturate their softmax, so fidelity compares logits, as STUDY.md asks. Stateless.
 */
final class Logits {

    private Logits() {
    }

    /**
     * Runs the network's logits twin on an input.
     *
     * @param net the network (its parameters are shared, not changed)
     * @param input one array per network input
     * @return the first output's logits (a detached copy)
     */
    static INDArray of(ComputationGraph net, INDArray[] input) {
        ComputationGraphConfiguration conf = net.getConfiguration().clone();
        for (String out : conf.getNetworkOutputs()) {
            GraphVertex v = conf.getVertices().get(out);
            if (v instanceof LayerVertex && ((LayerVertex) v).getLayerConf().getLayer() instanceof BaseLayer) {
                ((BaseLayer) ((LayerVertex) v).getLayerConf().getLayer()).setActivationFn(new ActivationIdentity());
            }
        }
        ComputationGraph twin = new ComputationGraph(conf);
        twin.init(net.params(), false);
        return twin.output(input)[0].dup();
    }
}
