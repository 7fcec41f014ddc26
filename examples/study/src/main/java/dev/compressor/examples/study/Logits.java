package dev.compressor.examples.study;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pre-activation outputs (logits) of a network: its output layers' activations are set to the
 * identity for one inference and put back afterwards (also for wrapped layers such as the
 * resident-quantized ones, whose wrapped layer holds the activation). Seeded full-size networks often
 * saturate their softmax, so fidelity compares logits, as STUDY.md asks. Not thread-safe: the network
 * must not be used by another thread meanwhile.
 */
final class Logits {

    private Logits() {
    }

    /**
     * Runs the network with identity output activations on an input.
     *
     * @param net the network (unchanged afterwards)
     * @param input one array per network input
     * @return the first output's logits (a detached copy)
     */
    static INDArray of(ComputationGraph net, INDArray[] input) {
        List<BaseLayer> swapped = new ArrayList<>();
        List<IActivation> saved = new ArrayList<>();
        for (String out : net.getConfiguration().getNetworkOutputs()) {
            Layer layer = net.getLayer(out);
            if (layer == null) {
                continue;
            }
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            while (conf instanceof BaseWrapperLayer) {
                conf = ((BaseWrapperLayer) conf).getUnderlying();
            }
            if (conf instanceof BaseLayer) {
                BaseLayer b = (BaseLayer) conf;
                swapped.add(b);
                saved.add(b.getActivationFn());
                b.setActivationFn(new ActivationIdentity());
            }
        }
        try {
            return net.output(input)[0].dup();
        } finally {
            for (int i = 0; i < swapped.size(); i++) {
                swapped.get(i).setActivationFn(saved.get(i));
            }
        }
    }
}
