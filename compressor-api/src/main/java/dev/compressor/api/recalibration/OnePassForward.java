package dev.compressor.api.recalibration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training-mode forward pass over all the recalibration examples as a single batch, with
 * dropout switched off for the pass: every batch normalisation layer normalises with the statistics
 * of the whole set, which is what it computes at inference once its running statistics are those
 * statistics. So the pass gives each layer its inference-time input in one go. Holds every
 * activation of the pass at once; {@link #fits} bounds that.
 *
 * @param graphActivations a ComputationGraph's activations by vertex name, or null
 * @param layerActivations a MultiLayerNetwork's activations (input first), or null
 */
record OnePassForward(Map<String, INDArray> graphActivations, List<INDArray> layerActivations) {

    /** The most bytes of activations one pass may hold (an estimate from one example's). */
    static final long MAX_BYTES = 512L << 20;

    /**
     * Whether one pass over {@code examples} examples fits {@link #MAX_BYTES}, estimated from an
     * inference pass over the first example of a batch.
     *
     * @param network the network
     * @param batch a batch of inputs
     * @param examples how many examples the pass would hold
     * @return true if it fits
     */
    static boolean fits(Model network, INDArray[] batch, int examples) {
        INDArray[] one = new INDArray[batch.length];
        for (int i = 0; i < batch.length; i++) {
            one[i] = batch[i].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1));
        }
        long elements = 0;
        if (network instanceof MultiLayerNetwork m) {
            for (INDArray a : m.feedForward(one[0], false)) {
                elements += a.length();
            }
            m.clearLayersStates();
        } else {
            ComputationGraph g = (ComputationGraph) network;
            for (INDArray a : g.feedForward(one, false, false).values()) {
                elements += a.length();
            }
            g.clearLayersStates();
        }
        return elements * 4 * examples <= MAX_BYTES;
    }

    /**
     * Joins the batches along dimension 0, input by input.
     *
     * @param batches the batches, one array per network input each
     * @return one array per input
     */
    static INDArray[] concat(List<INDArray[]> batches) {
        INDArray[] all = new INDArray[batches.get(0).length];
        for (int i = 0; i < all.length; i++) {
            INDArray[] parts = new INDArray[batches.size()];
            for (int b = 0; b < parts.length; b++) {
                parts[b] = batches.get(b)[i];
            }
            all[i] = parts.length == 1 ? parts[0] : Nd4j.concat(0, parts);
        }
        return all;
    }

    /**
     * Runs the pass.
     *
     * @param network a MultiLayerNetwork or ComputationGraph
     * @param features one array per network input, all the examples
     * @return the activations
     */
    static OnePassForward run(Model network, INDArray[] features) {
        org.deeplearning4j.nn.api.Layer[] layers = network instanceof MultiLayerNetwork m ? m.getLayers()
                : ((ComputationGraph) network).getLayers();
        Map<org.deeplearning4j.nn.conf.layers.Layer, IDropout> saved = new HashMap<>();
        for (org.deeplearning4j.nn.api.Layer l : layers) {
            org.deeplearning4j.nn.conf.layers.Layer conf = l.conf().getLayer();
            if (conf.getIDropout() != null) {
                saved.put(conf, conf.getIDropout());
                conf.setIDropout(null);
            }
        }
        try {
            if (network instanceof MultiLayerNetwork m) {
                List<INDArray> acts = m.feedForward(features[0], true);
                m.clearLayersStates();
                return new OnePassForward(null, acts);
            }
            ComputationGraph g = (ComputationGraph) network;
            Map<String, INDArray> acts = g.feedForward(features, true, false);
            g.clearLayersStates();
            return new OnePassForward(acts, null);
        } finally {
            saved.forEach(org.deeplearning4j.nn.conf.layers.Layer::setIDropout);
        }
    }
}
