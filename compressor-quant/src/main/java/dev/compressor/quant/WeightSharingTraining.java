package dev.compressor.quant;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorState;
import dev.compressor.api.internal.NetworkIO;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.compressor.api.tensor.TensorInfo;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deep Compression's retraining of shared weights (Han et al., 2016) on DL4J's own training loop:
 * {@link #prepare} clusters each selected weight tensor with the k-means of {@link KMeansQuantizer}
 * and writes the centroids into the network, the caller trains it with {@code fit} and their own
 * data while the weights stay shared, and {@link #compress} stores exactly the trained centroids and
 * assignments in the {@code codebook} encoding.
 *
 * <pre>{@code
 * WeightSharingTraining sharing = WeightSharingTraining.of(Quantization.kmeans(4).build());
 * sharing.prepare(net);             // net: an initialised MultiLayerNetwork or ComputationGraph
 * net.fit(trainIterator, 2);        // each centroid moves by the sum of its weights' gradients
 * CompressionResult r = sharing.compress(net);
 * }</pre>
 *
 * <p><b>The rule.</b> Assignments are fixed at {@link #prepare}; the gradient of a centroid is the
 * sum of the gradients of the weights assigned to it. A listener replaces, in each step's gradient
 * before DL4J's updater reads it, every weight's gradient by its cluster's sum; members start equal
 * with equal updater state (made so at {@code prepare} if the network was trained before), so any
 * element-wise updater (SGD, momentum, Adam, weight decay) moves them alike: after any number of
 * {@code fit} calls each tensor has at most {@code 2^bits} distinct values. With plain SGD a
 * centroid moves by {@code -learningRate * sum of its members' gradients} (DL4J divides the summed
 * loss gradient by the minibatch size first), as in the paper. DL4J weight constraints
 * ({@code constrainWeights}), which rescale weights after each update, would unshare them: a selected
 * tensor with one is refused. Anything else that changes weights outside the updater would break the
 * sharing too; {@link #compress} then refuses the network, naming the tensor.
 *
 * <p><b>Pruned networks.</b> A tensor with exact zeros (from pruning) has only its non-zero values
 * clustered; its zeros get a gradient of 0 and stay exactly zero. Such a tensor takes
 * {@code 2^bits} shared values plus zero, which a codebook of {@code 2^bits} entries cannot hold
 * densely: compress it with a sparse encoding first, {@link #compress(Model, Compressor)} (for
 * example {@code Pruning.magnitude(0.0)} of compressor-prune, which keeps the existing zeros).
 *
 * <p>Train the network that was prepared: a {@code clone()} of it is not kept shared (DL4J
 * 1.0.0-M2.1's clone does not hand the listener to the copy's training loop; a ComputationGraph's
 * clone shares the original's listener collection, so {@link #prepare} refuses it).
 *
 * <p>Create with {@link #of(KMeansQuantizer)} (its settings choose the tensors and bit widths).
 * Immutable and thread-safe; {@link #prepare} changes the network it is given and must not run
 * while that network is used.
 */
public final class WeightSharingTraining {

    private final KMeansQuantizer quantizer;

    private WeightSharingTraining(KMeansQuantizer quantizer) {
        this.quantizer = quantizer;
    }

    /**
     * Weight-sharing training with a k-means quantizer's settings: bits, per-layer bits, skipped
     * layers, selected tensors and Lloyd iterations (build it with {@link Quantization#kmeans(int)}).
     *
     * @param quantizer the post-training quantizer whose clustering and artifact to use
     * @return the training
     */
    public static WeightSharingTraining of(KMeansQuantizer quantizer) {
        return new WeightSharingTraining(Objects.requireNonNull(quantizer, "quantizer"));
    }

    /**
     * Weight-sharing training of every weight tensor (the default tensors of
     * {@link Quantization#kmeans(int)}) at one bit width.
     *
     * @param bits bits per index ({@code 2^bits} shared values per tensor), 2..8
     * @return the training
     * @throws IllegalArgumentException if {@code bits} is out of range, naming it
     */
    public static WeightSharingTraining bits(int bits) {
        return of(Quantization.kmeans(bits).build());
    }

    /**
     * The post-training quantizer that {@link #compress} applies: on a network trained after
     * {@link #prepare}, it keeps each tensor's shared values as its codebook, bit for bit.
     *
     * @return the quantizer
     */
    public KMeansQuantizer quantizer() {
        return quantizer;
    }

    /**
     * A short description, e.g. {@code "weight-sharing training: kmeans4 (weights)"}.
     *
     * @return the description
     */
    public String describe() {
        return "weight-sharing training: " + quantizer.describe();
    }

    /**
     * Shares the weights of a network in place and keeps them shared while it trains: clusters each
     * selected tensor, writes every weight's centroid into the parameters, makes the updater state
     * equal within each cluster and attaches the training listener that applies the gradient rule.
     * Train it afterwards with its own {@code fit}.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph with FLOAT parameters
     * @param <M> the network type
     * @return the same network
     * @throws IllegalArgumentException if the network is of another type, not initialised or not
     *     FLOAT, a named layer does not exist, no tensor is selected, or a selected tensor has a
     *     weight constraint or holds NaN or infinite values (naming it), or the network is a
     *     ComputationGraph clone of a prepared one (it shares the original's listeners)
     * @throws IllegalStateException if the network is prepared already
     */
    public <M extends Model> M prepare(M network) {
        Objects.requireNonNull(network, "network");
        NetworkIO.requireInitialised(network);
        SharedWeightsListener existing = SharedWeightsListener.of(network);
        if (existing != null && existing.network() != network) {
            throw new IllegalArgumentException("this network lists the weight-sharing listener of another network: "
                    + "DL4J's ComputationGraph.clone shares the original's listeners, and preparing the copy would "
                    + "change the original's training; prepare a copy made from the configuration and parameters "
                    + "instead (new ComputationGraph(conf.clone()), init(params.dup(), true))");
        }
        if (existing != null) {
            throw new IllegalStateException("the network is prepared already (" + existing.description()
                    + "); call WeightSharingTraining.remove(network) before preparing it again");
        }
        CompressionState state = CompressionState.of(network, Compressor.DEFAULT_SEED);
        Map<String, Integer> chosen = quantizer.targets().resolve(state, quantizer.bits());
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no tensor of this network is selected by " + quantizer.describe()
                    + ", so there is nothing to share; its tensors: " + state.tensors().stream()
                            .map(TensorState::name).toList());
        }
        requireUnconstrained(network, state, chosen.keySet());
        List<SharedTensor> shared = new ArrayList<>();
        INDArray params = network.params();
        for (Map.Entry<String, Integer> e : chosen.entrySet()) {
            TensorState t = state.tensor(e.getKey());
            float[] values = t.values().data();
            SharedTensor s;
            try {
                s = SharedTensor.cluster(t.name(), t.info().flatOffset(), values, e.getValue(),
                        quantizer.maxIterations());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("tensor '" + t.name() + "': " + ex.getMessage(), ex);
            }
            shared.add(s);
            SharedWeightsListener.segment(params, s.offset(), s.length())
                    .assign(Nd4j.createFromArray(s.sharedValues(values)));
        }
        SharedWeightsListener listener = new SharedWeightsListener(network, shared, describe());
        listener.equalizeUpdaterState();
        network.addListeners(listener);
        return network;
    }

    /** Refuses a selected tensor that a DL4J weight constraint rewrites after each update (it would unshare it). */
    private static void requireUnconstrained(Model network, CompressionState state, Iterable<String> chosen) {
        Map<String, Layer> layers = QatLayers.byName(network);
        for (String name : chosen) {
            TensorInfo info = state.tensor(name).info();
            Layer impl = layers.get(info.layerName());
            List<LayerConstraint> constraints = impl == null ? null : impl.conf().getLayer().getConstraints();
            for (LayerConstraint c : constraints == null ? List.<LayerConstraint>of() : constraints) {
                if (c.getParams() != null && c.getParams().contains(info.paramKey())) {
                    throw new IllegalArgumentException("tensor '" + name + "' has the weight constraint "
                            + c.getClass().getSimpleName() + ", which rescales weights after each update and would "
                            + "unshare them; remove the constraint or leave the layer out with skipLayers(\""
                            + info.layerName() + "\")");
                }
            }
        }
    }

    /**
     * Compresses a network trained after {@link #prepare} with {@link #quantizer()}, seed
     * {@link Compressor#DEFAULT_SEED}: the artifact holds exactly the trained shared values and
     * assignments, so the restored network computes what the trained one does. The network is not
     * modified.
     *
     * @param trained the network {@link #prepare} was given, after training
     * @return the result: runnable network, artifact and report
     * @throws IllegalArgumentException if the network is of another type or not initialised, or a
     *     selected tensor does not fit a codebook of its bit width exactly (naming it: it has more
     *     distinct values than that, because it was not prepared with these settings, or holds zeros
     *     besides its shared values and needs {@link #compress(Model, Compressor)})
     */
    public CompressionResult compress(Model trained) {
        return compress(trained, null);
    }

    /**
     * Compresses a network trained after {@link #prepare} with {@code sparsity} then
     * {@link #quantizer()}, seed {@link Compressor#DEFAULT_SEED}: the step for pruned networks. The
     * sparsity step must keep the network's zeros and wrap them in a sparse encoding without zeroing
     * other weights (for example {@code Pruning.magnitude(0.0)} of compressor-prune); the quantizer
     * then stores the shared non-zero values exactly. The network is not modified.
     *
     * @param trained the network {@link #prepare} was given, after training
     * @param sparsity a step that stores the zeros sparsely, or null for none
     * @return the result: runnable network, artifact and report
     * @throws IllegalArgumentException as {@link #compress(Model)} does, or if the sparsity step
     *     changed a selected tensor's values
     */
    public CompressionResult compress(Model trained, Compressor sparsity) {
        Objects.requireNonNull(trained, "trained");
        long start = System.nanoTime();
        CompressionState before = CompressionState.of(trained, Compressor.DEFAULT_SEED);
        Compressor pipeline = sparsity == null ? quantizer : sparsity.then(quantizer);
        CompressionState out = pipeline.apply(before);
        for (String name : quantizer.targets().resolve(before, quantizer.bits()).keySet()) {
            requireSame(before.tensor(name).values().data(), out.tensor(name).values().data(), name,
                    sparsity == null ? quantizer.bits() : -1);
        }
        String how = describe() + (sparsity == null ? "" : " after " + sparsity.describe());
        return CompressionResult.of(out, how, System.nanoTime() - start);
    }

    private void requireSame(float[] trained, float[] stored, String name, int denseBits) {
        for (int i = 0; i < trained.length; i++) {
            if (Float.compare(trained[i] == 0 ? 0f : trained[i], stored[i] == 0 ? 0f : stored[i]) != 0) {
                boolean zeros = false;
                for (float v : trained) {
                    zeros |= v == 0;
                }
                String why = zeros && denseBits > 0 ? "it holds zeros besides its shared values, which a codebook of "
                        + (1 << denseBits) + " entries cannot also hold: compress(network, sparsity) with a step that "
                        + "stores the zeros sparsely, e.g. Pruning.magnitude(0.0)"
                        : "it has more distinct values than its codebook holds: was it prepared with these settings "
                                + "(" + describe() + ") and trained only while the listener was attached?";
                throw new IllegalArgumentException("tensor '" + name + "' is not stored exactly (element " + i + ": "
                        + trained[i] + " became " + stored[i] + "): " + why);
            }
        }
    }

    /**
     * Detaches the weight-sharing listener from a network in place, so that it trains without
     * sharing again; its parameters are left as they are.
     *
     * @param network a MultiLayerNetwork or ComputationGraph
     * @throws IllegalArgumentException if the network is of another type or not initialised
     */
    public static void remove(Model network) {
        Objects.requireNonNull(network, "network");
        NetworkIO.requireInitialised(network);
        SharedWeightsListener.detach(network);
    }
}
