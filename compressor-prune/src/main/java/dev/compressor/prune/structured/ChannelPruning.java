package dev.compressor.prune.structured;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorState;
import dev.compressor.api.artifact.NetworkKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Structured channel and filter pruning with physical removal: the result is a smaller DL4J
 * network (fewer filters, units and batch-norm channels), so it is smaller on disk and faster with
 * DL4J's ordinary dense kernels. Works on {@code MultiLayerNetwork} and {@code ComputationGraph};
 * channels joined by residual adds form one dependency group and lose the same channels everywhere;
 * concatenations are followed through; groups that reach an output or a layer that mixes channels
 * are left alone (see {@link #plan(Model)}).
 *
 * <p>In each pruned group, {@code round(ratio * channels)} channels with the smallest
 * {@link ChannelCriterion} norm are removed (at least one channel stays). At ratio 0 the network
 * is rebuilt unchanged and computes the same outputs. Run it before other compressors: the smaller
 * network's tensors start anew as exact fp32 (their current values are kept, earlier encoders are
 * not). The smaller network is made of stock DL4J layers only (a {@link DirectPointwiseConvolution}
 * in the input becomes a plain {@code ConvolutionLayer} again), so its artifact restores wherever
 * compressor-api does; choose the faster direct 1x1 convolutions when restoring, with
 * {@link PointwiseConvolutions#rewrite()}. On request its batch normalisations are folded into the
 * convolutions before them ({@link #foldBatchNorm(boolean)}). Immutable and thread-safe.
 *
 * <pre>{@code
 * CompressionResult r = ChannelPruning.ratio(0.5).convolutionsOnly().compress(vgg16);
 * r.artifact().write(file);
 * Model fast = CompressedModel.read(file).restore(RestoreOptions.DEFAULT.withRewrite(PointwiseConvolutions.rewrite()));
 * }</pre>
 */
public final class ChannelPruning implements Compressor {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelPruning.class);

    private final double ratio;
    private final ChannelCriterion criterion;
    private final List<String> layers;
    private final boolean convolutionsOnly;
    private final boolean foldBatchNorm;

    private ChannelPruning(double ratio, ChannelCriterion criterion, List<String> layers, boolean convolutionsOnly,
            boolean foldBatchNorm) {
        this.ratio = ratio;
        this.criterion = criterion;
        this.layers = layers;
        this.convolutionsOnly = convolutionsOnly;
        this.foldBatchNorm = foldBatchNorm;
    }

    /**
     * Removes a fraction of the channels of every prunable group (convolution filters and dense
     * units), ranked by L1 norm.
     *
     * @param ratio the fraction of each group's channels to remove, in [0, 1)
     * @return the compressor
     * @throws IllegalArgumentException if ratio is outside [0, 1)
     */
    public static ChannelPruning ratio(double ratio) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("ratio must be in [0, 1), got " + ratio);
        }
        return new ChannelPruning(ratio, ChannelCriterion.L1, null, false, false);
    }

    /**
     * The same pruning with another ranking.
     *
     * @param c the criterion
     * @return the new compressor
     */
    public ChannelPruning criterion(ChannelCriterion c) {
        return new ChannelPruning(ratio, Objects.requireNonNull(c, "criterion"), layers, convolutionsOnly,
                foldBatchNorm);
    }

    /**
     * Only the groups that these layers produce (all their producers lose the same channels).
     *
     * @param names convolution or dense layer names
     * @return the new compressor; applying it fails if a name is unknown or its group is blocked
     */
    public ChannelPruning layers(List<String> names) {
        return new ChannelPruning(ratio, criterion, List.copyOf(names), convolutionsOnly, foldBatchNorm);
    }

    /**
     * Only the groups that these layers produce.
     *
     * @param names convolution or dense layer names
     * @return the new compressor
     */
    public ChannelPruning layers(String... names) {
        return layers(List.of(names));
    }

    /**
     * Only groups produced by convolutions (filter pruning); dense units stay.
     *
     * @return the new compressor
     */
    public ChannelPruning convolutionsOnly() {
        return new ChannelPruning(ratio, criterion, layers, true, foldBatchNorm);
    }

    /**
     * Whether the pruned network's batch normalisations are folded into the convolutions before
     * them ({@link BatchNormFolding#fold(Model)}), for inference. Off by default: a pruned network
     * usually needs fine-tuning, and a folded one has no batch normalisation left to train with
     * (nor the normalisation tensors that later compressors or a re-plan would see). Turn it on
     * when the pruned network goes straight to deployment; or fine-tune the pruned network and
     * fold it afterwards with {@link BatchNormFolding#fold(Model)}.
     *
     * @param on true to fold batch normalisation after pruning
     * @return the new compressor
     */
    public ChannelPruning foldBatchNorm(boolean on) {
        return new ChannelPruning(ratio, criterion, layers, convolutionsOnly, on);
    }

    /**
     * The channel groups of a network and whether each can be pruned.
     *
     * @param network a MultiLayerNetwork or ComputationGraph
     * @return the plan
     */
    public static ChannelPlan plan(Model network) {
        if (network instanceof MultiLayerNetwork m) {
            return plan(NetworkKind.MULTI_LAYER, m.getLayerWiseConfigurations().toJson());
        }
        if (network instanceof ComputationGraph g) {
            return plan(NetworkKind.GRAPH, g.getConfiguration().toJson());
        }
        throw new IllegalArgumentException("only MultiLayerNetwork and ComputationGraph are supported, got "
                + (network == null ? "null" : network.getClass().getName()));
    }

    private static ChannelPlan plan(NetworkKind kind, String json) {
        return ChannelPlan.of(ChannelAnalysis.of(GraphView.parse(kind, json)));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "channels(%.4g, %s%s%s%s)", ratio, criterion,
                convolutionsOnly ? ", convolutions" : "", layers == null ? "" : ", " + layers.size() + " layers",
                foldBatchNorm ? ", folded batch norm" : "");
    }

    @Override
    public CompressionState apply(CompressionState state) {
        ChannelAnalysis analysis = ChannelAnalysis.of(GraphView.parse(state.kind(), state.configJson()));
        ChannelPlan plan = ChannelPlan.of(analysis);
        Map<Integer, int[]> keep = new LinkedHashMap<>();
        for (ChannelGroup g : chosen(plan)) {
            keep.put(g.id(), ChannelRanking.keep(weights(state, g), g.channels(), ratio, criterion));
        }
        LOG.debug("pruning {} channel groups of {}", keep.size(), plan.groups().size());
        Model smaller = new NetworkShrinker(analysis, keep).shrink(state);
        if (foldBatchNorm) {
            smaller = BatchNormFolding.fold(smaller);
        }
        return state.withNetwork(smaller, describe());
    }

    private List<ChannelGroup> chosen(ChannelPlan plan) {
        List<ChannelGroup> out = new ArrayList<>();
        if (layers == null) {
            plan.prunable().stream().filter(g -> !convolutionsOnly || plan.isConvolutional(g)).forEach(out::add);
            return out;
        }
        for (String name : layers) {
            ChannelGroup g = plan.groupOf(name);
            if (!g.prunable()) {
                throw new IllegalArgumentException("layer '" + name + "' cannot be structurally pruned: its channels "
                        + String.join("; ", g.blockedBecause()));
            }
            if (!out.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    private static List<TensorState> weights(CompressionState state, ChannelGroup g) {
        List<TensorState> w = new ArrayList<>();
        for (TensorState t : state.tensors()) {
            if (g.producers().contains(t.info().layerName()) && t.info().paramKey().equals("W")) {
                w.add(t);
            }
        }
        return w;
    }
}
