package dev.compressor.quant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The DL4J training listener of {@link WeightSharingTraining}. DL4J 1.0.0-M2.1 calls
 * {@link #onGradientCalculation} after a step's gradient is computed and before the updater reads
 * it ({@code BaseOptimizer.gradientAndScore}: {@code computeGradientAndScore}, then the listeners,
 * then {@code updateGradientAccordingToParams}; checked in its bytecode). There it replaces, in the
 * network's flattened gradient, each shared weight's gradient by the sum of its cluster's gradients
 * and a zero's by 0. Every member of a cluster then holds the same value, the same updater state and
 * the same gradient, so any element-wise updater (SGD, momentum, Adam, weight decay, element-wise
 * clipping) moves them alike and they stay shared, bit for bit. Bound to one network; not
 * thread-safe (DL4J calls it from the training thread).
 */
final class SharedWeightsListener extends BaseTrainingListener {

    private final Model network;
    private final List<SharedTensor> tensors;
    private final String description;

    SharedWeightsListener(Model network, List<SharedTensor> tensors, String description) {
        this.network = network;
        this.tensors = List.copyOf(tensors);
        this.description = description;
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (model != network) {
            // DL4J 1.0.0-M2.1's ComputationGraph.clone shares the original's listener collection
            throw new IllegalStateException("this weight-sharing listener belongs to another network (a clone shares "
                    + "its original's listeners); prepare each network you train with WeightSharingTraining.prepare");
        }
        INDArray flat = model instanceof MultiLayerNetwork m ? m.getFlattenedGradients()
                : ((ComputationGraph) model).getFlattenedGradients();
        for (SharedTensor t : tensors) {
            INDArray seg = segment(flat, t.offset(), t.length());
            float[] g = seg.toFloatVector();
            t.sumPerCluster(g);
            seg.assign(Nd4j.createFromArray(g));
        }
    }

    /**
     * Makes the network's current updater state equal within each cluster (the mean) and zero for
     * zeros, so that training continues shared from a network trained before. A network that has not
     * been trained has no updater state yet: DL4J creates it filled with zeros, equal already.
     */
    void equalizeUpdaterState() {
        Updater u = network instanceof MultiLayerNetwork m ? m.getUpdater(false)
                : ((ComputationGraph) network).getUpdater(false);
        if (!(u instanceof BaseMultiLayerUpdater<?> updater)) {
            return;
        }
        for (UpdaterBlock b : updater.getUpdaterBlocks()) {
            INDArray view = b.getUpdaterView();
            long len = (long) b.getParamOffsetEnd() - b.getParamOffsetStart();
            if (view == null || view.length() == 0 || len == 0 || view.length() % len != 0) {
                continue;
            }
            for (SharedTensor t : tensors) {
                long at = t.offset() - b.getParamOffsetStart();
                if (at < 0 || at + t.length() > len) {
                    continue;
                }
                // per-element state is stored as view.length() / len consecutive slices of the block (Adam: m, v)
                for (long slice = 0; slice < view.length() / len; slice++) {
                    INDArray seg = segment(view, slice * len + at, t.length());
                    float[] s = seg.toFloatVector();
                    t.equalize(s);
                    seg.assign(Nd4j.createFromArray(s).castTo(seg.dataType()));
                }
            }
        }
    }

    /** The tensors kept shared. */
    List<SharedTensor> tensors() {
        return tensors;
    }

    /** The settings that prepared the network, for messages. */
    String description() {
        return description;
    }

    /** A view of {@code len} elements of a contiguous vector (rank 1, or a row or column) from {@code off}. */
    static INDArray segment(INDArray flat, long off, int len) {
        INDArray v = flat.rank() == 1 ? flat : flat.reshape(flat.length());
        return v.get(NDArrayIndex.interval(off, off + len));
    }

    /** The network's listeners. */
    static Collection<TrainingListener> listeners(Model network) {
        return network instanceof MultiLayerNetwork m ? m.getListeners() : ((ComputationGraph) network).getListeners();
    }

    /** The network the listener keeps shared. */
    Model network() {
        return network;
    }

    /** The weight-sharing listener attached to a network (its own or, in a clone, its original's), or null. */
    static SharedWeightsListener of(Model network) {
        Collection<TrainingListener> all = listeners(network);
        if (all != null) {
            for (TrainingListener l : all) {
                if (l instanceof SharedWeightsListener s) {
                    return s;
                }
            }
        }
        return null;
    }

    /** Detaches every weight-sharing listener from a network; other listeners stay. */
    static void detach(Model network) {
        Collection<TrainingListener> all = listeners(network);
        List<TrainingListener> keep = new ArrayList<>(all == null ? List.of() : all);
        keep.removeIf(l -> l instanceof SharedWeightsListener);
        network.setListeners(keep);
    }
}
