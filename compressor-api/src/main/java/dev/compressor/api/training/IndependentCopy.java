package dev.compressor.api.training;

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
 * original's too (and on a clone of a ResNet-like graph {@code setLearningRate} failed inside DL4J).
 * Use it for the network a fine-tuning trains, so that the caller's network is left alone. Stateless.
 */
public final class IndependentCopy {

    private IndependentCopy() {
    }

    /**
     * Copies a network.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph (not modified)
     * @param <M> the network type
     * @return the copy, initialised, of the same type
     */
    @SuppressWarnings("unchecked")
    public static <M extends Model> M of(M network) {
        if (network instanceof MultiLayerNetwork m) {
            MultiLayerNetwork c = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(
                    m.getLayerWiseConfigurations().toJson()));
            c.init(m.params().dup(), false);
            copyState(m.getUpdater(false), c.getUpdater(), c);
            return (M) c;
        }
        ComputationGraph g = (ComputationGraph) network;
        ComputationGraph c = new ComputationGraph(ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson()));
        c.init(g.params().dup(), false);
        Updater from = g.getUpdater(false);
        if (from != null && from.getStateViewArray() != null) {
            c.getUpdater().setStateViewArray(from.getStateViewArray().dup());
        }
        return (M) c;
    }

    private static void copyState(Updater from, Updater to, MultiLayerNetwork owner) {
        INDArray state = from == null ? null : from.getStateViewArray();
        if (state != null) {
            to.setStateViewArray(owner, state.dup(), false);
        }
    }
}
