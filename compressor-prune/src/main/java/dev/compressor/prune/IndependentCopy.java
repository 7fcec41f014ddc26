package dev.compressor.prune;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A copy of a network that shares nothing with it: configuration rebuilt from its JSON, parameters
 * and updater state (if it has one) duplicated. DL4J 1.0.0-M2.1's {@code clone()} shares the
 * layers' updater configuration objects, so changing the copy's learning rate would change the
 * original's too. Stateless.
 */
final class IndependentCopy {

    private IndependentCopy() {
    }

    /**
     * Copies a network.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph (not modified)
     * @return the copy, initialised
     */
    static Model of(Model network) {
        if (network instanceof MultiLayerNetwork m) {
            MultiLayerNetwork c = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(
                    m.getLayerWiseConfigurations().toJson()));
            c.init(m.params().dup(), false);
            copyState(m.getUpdater(false), c.getUpdater(), c);
            return c;
        }
        ComputationGraph g = (ComputationGraph) network;
        ComputationGraph c = new ComputationGraph(ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson()));
        c.init(g.params().dup(), false);
        Updater from = g.getUpdater(false);
        if (from != null && from.getStateViewArray() != null) {
            c.getUpdater().setStateViewArray(from.getStateViewArray().dup());
        }
        return c;
    }

    private static void copyState(Updater from, Updater to, MultiLayerNetwork owner) {
        INDArray state = from == null ? null : from.getStateViewArray();
        if (state != null) {
            to.setStateViewArray(owner, state.dup(), false);
        }
    }
}
