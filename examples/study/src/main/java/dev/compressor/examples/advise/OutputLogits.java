package dev.compressor.examples.advise;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier's pre-activation outputs (logits): the output layer's activation (softmax, typically)
 * is set to the identity for one inference and put back afterwards, also inside wrapped layers such
 * as the resident-quantized ones. Fidelity compares logits, so that the KL divergence is computed from
 * them without a softmax round trip. Not thread-safe: the network must not be used by another thread
 * meanwhile.
 */
final class OutputLogits {

    private OutputLogits() {
    }

    /**
     * Runs the network with an identity output activation.
     *
     * @param network a MultiLayerNetwork or ComputationGraph (unchanged afterwards)
     * @param x the input
     * @return the logits, a detached copy
     */
    static INDArray of(Model network, INDArray x) {
        List<Layer> outputs = new ArrayList<>();
        if (network instanceof MultiLayerNetwork mln) {
            outputs.add(mln.getOutputLayer());
        } else if (network instanceof ComputationGraph cg) {
            for (String name : cg.getConfiguration().getNetworkOutputs()) {
                Layer l = cg.getLayer(name);
                if (l != null) {
                    outputs.add(l);
                }
            }
        }
        List<BaseLayer> swapped = new ArrayList<>();
        List<IActivation> saved = new ArrayList<>();
        for (Layer layer : outputs) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            while (conf instanceof BaseWrapperLayer w) {
                conf = w.getUnderlying();
            }
            if (conf instanceof BaseLayer b) {
                swapped.add(b);
                saved.add(b.getActivationFn());
                b.setActivationFn(new ActivationIdentity());
            }
        }
        try {
            return NetworkInput.output(network, x).dup();
        } finally {
            for (int i = 0; i < swapped.size(); i++) {
                swapped.get(i).setActivationFn(saved.get(i));
            }
        }
    }
}
