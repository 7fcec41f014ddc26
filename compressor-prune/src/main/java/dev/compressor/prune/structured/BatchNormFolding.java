package dev.compressor.prune.structured;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds inference batch normalisation into the convolution before it: an equivalent network for
 * inference in which every foldable {@code BatchNormalization} layer is gone and the convolution
 * that fed it computes {@code W' = W * gamma / sqrt(var + eps)} and
 * {@code b' = (b - mean) * gamma / sqrt(var + eps) + beta} per output channel (it gets a bias if it
 * had none). Layers that read the batch normalisation read the convolution instead; everything
 * else, parameters included, is copied unchanged. On DL4J 1.0.0-M2.1's CPU backend inference batch
 * normalisation runs as about ten element-wise passes over its input, nearly half of ResNet-50's
 * batch-1 inference time, and the fold removes all of them.
 *
 * <p>A batch normalisation is folded when its only input is a {@code ConvolutionLayer},
 * {@code Convolution2D}, {@link DirectPointwiseConvolution} or {@code DepthwiseConvolution2D}
 * with the identity activation, that convolution feeds nothing else and is not a network output,
 * the batch normalisation has no input preprocessor, is not a network output (nor a
 * MultiLayerNetwork's last layer), and both use the same channel axis; any other batch
 * normalisation stays where it is (see {@link #foldable}). DL4J 1.0.0-M2.1's batch normalisation
 * applies no activation function (its configured activation is ignored), so none moves to the
 * convolution. Both {@code useLogStd} (DL4J's default: the layer stores {@code log10} of the
 * standard deviation instead of the variance; then {@code var = (10^log10std)^2}) and
 * {@code lockGammaBeta} (fixed gamma and beta, taken as DL4J's own inference pass takes them: only
 * when gamma is not 1 and beta is not 0) are handled.
 *
 * <p>The result is meant for inference: it computes the argument's inference outputs (up to float
 * rounding) and can still be trained, but without batch normalisation, which changes how it trains;
 * fine-tune first, fold last. The argument is not modified; updater state is not carried over.
 * Stateless; thread-safe as long as the argument is not used concurrently.
 *
 * <pre>{@code
 * ComputationGraph fast = BatchNormFolding.fold(PointwiseConvolutions.directGemm(resnet50));
 * }</pre>
 */
public final class BatchNormFolding {

    private static final Logger LOG = LoggerFactory.getLogger(BatchNormFolding.class);

    private BatchNormFolding() {
    }

    /**
     * The batch normalisation layers {@link #fold} would remove.
     *
     * @param network an initialised or uninitialised MultiLayerNetwork or ComputationGraph
     * @return their names in configuration order (a MultiLayerNetwork layer without a name goes by
     *     its index)
     * @throws IllegalArgumentException if the network is null or of another kind
     */
    public static List<String> foldable(Model network) {
        if (network instanceof ComputationGraph g) {
            return FoldSites.of(g.getConfiguration()).stream().map(FoldSites.Fold::bn).toList();
        }
        if (network instanceof MultiLayerNetwork m) {
            MultiLayerConfiguration conf = m.getLayerWiseConfigurations();
            return FoldSites.of(conf).stream().map(f -> Integer.parseInt(f.bn()))
                    .map(i -> GraphView.layerName(conf.getConf(i).getLayer(), i)).toList();
        }
        throw unsupported(network);
    }

    /**
     * An equivalent network with its foldable batch normalisations folded into their convolutions.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph
     * @return a new, initialised network of the same kind
     * @throws NullPointerException if network is null
     * @throws IllegalArgumentException if the network is of another kind or not initialised
     */
    public static Model fold(Model network) {
        Objects.requireNonNull(network, "network");
        if (network instanceof ComputationGraph g) {
            return fold(g);
        }
        if (network instanceof MultiLayerNetwork m) {
            return fold(m);
        }
        throw unsupported(network);
    }

    /**
     * An equivalent graph with its foldable batch normalisations folded into their convolutions.
     *
     * @param network an initialised graph
     * @return a new, initialised graph
     * @throws NullPointerException if network is null
     * @throws IllegalArgumentException if the graph has not been initialised
     */
    public static ComputationGraph fold(ComputationGraph network) {
        Objects.requireNonNull(network, "network");
        if (network.getLayers() == null) {
            throw new IllegalArgumentException("the graph has not been initialised (call init() first)");
        }
        ComputationGraphConfiguration conf = network.getConfiguration().clone();
        List<FoldSites.Fold> folds = FoldSites.of(conf);
        Map<String, String> readInstead = new HashMap<>();
        Map<String, GraphVertex> vertices = new LinkedHashMap<>(conf.getVertices());
        for (FoldSites.Fold f : folds) {
            vertices.remove(f.bn());
            ((ConvolutionLayer) ((LayerVertex) vertices.get(f.conv())).getLayerConf().getLayer()).setHasBias(true);
            readInstead.put(f.bn(), f.conv());
        }
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (!readInstead.containsKey(e.getKey())) {
                inputs.put(e.getKey(), e.getValue().stream().map(n -> readInstead.getOrDefault(n, n)).toList());
            }
        }
        conf.setVertices(vertices);
        conf.setVertexInputs(inputs);
        conf.setTopologicalOrder(null);
        conf.setTopologicalOrderStr(null);
        ComputationGraph out = new ComputationGraph(conf);
        out.init();
        Map<String, String> bnOf = new HashMap<>();
        folds.forEach(f -> bnOf.put(f.conv(), f.bn()));
        for (org.deeplearning4j.nn.api.Layer target : out.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            copy(network.getLayer(name), bnOf.containsKey(name) ? network.getLayer(bnOf.get(name)) : null, target);
        }
        LOG.debug("folded {} batch normalisation layers of a ComputationGraph", folds.size());
        return out;
    }

    /**
     * An equivalent network with its foldable batch normalisations folded into their convolutions.
     *
     * @param network an initialised network
     * @return a new, initialised network (with fewer layers: later layers' indices move down)
     * @throws NullPointerException if network is null
     * @throws IllegalArgumentException if the network has not been initialised
     */
    public static MultiLayerNetwork fold(MultiLayerNetwork network) {
        Objects.requireNonNull(network, "network");
        if (network.getLayers() == null) {
            throw new IllegalArgumentException("the network has not been initialised (call init() first)");
        }
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations().clone();
        Set<Integer> removed = new HashSet<>();
        for (FoldSites.Fold f : FoldSites.of(conf)) {
            removed.add(Integer.parseInt(f.bn()));
        }
        List<NeuralNetConfiguration> kept = new ArrayList<>();
        Map<Integer, InputPreProcessor> pre = new HashMap<>();
        List<Integer> source = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (removed.contains(i)) {
                continue;
            }
            if (conf.getInputPreProcess(i) != null) {
                pre.put(kept.size(), conf.getInputPreProcess(i));
            }
            if (removed.contains(i + 1)) {
                ((ConvolutionLayer) conf.getConf(i).getLayer()).setHasBias(true);
            }
            kept.add(conf.getConf(i));
            source.add(i);
        }
        conf.setConfs(kept);
        conf.setInputPreProcessors(pre);
        MultiLayerNetwork out = new MultiLayerNetwork(conf);
        out.init();
        for (int j = 0; j < source.size(); j++) {
            int i = source.get(j);
            copy(network.getLayer(i), removed.contains(i + 1) ? network.getLayer(i + 1) : null, out.getLayer(j));
        }
        LOG.debug("folded {} batch normalisation layers of a MultiLayerNetwork", removed.size());
        return out;
    }

    /** Copies a layer's parameters into its counterpart, folding a batch normalisation in if given. */
    private static void copy(org.deeplearning4j.nn.api.Layer from, org.deeplearning4j.nn.api.Layer bn,
            org.deeplearning4j.nn.api.Layer to) {
        if (bn != null) {
            FoldedConvolution.fold((ConvolutionLayer) from.conf().getLayer(), from.paramTable(),
                    (BatchNormalization) bn.conf().getLayer(), bn.paramTable(), to.paramTable());
            return;
        }
        Map<String, INDArray> source = from.paramTable();
        Map<String, INDArray> target = to.paramTable();
        if (!source.keySet().equals(target.keySet())) {
            throw new IllegalStateException("layer '" + from.conf().getLayer().getLayerName() + "' changed its"
                    + " parameters: " + source.keySet() + " -> " + target.keySet());
        }
        source.forEach((key, value) -> target.get(key).assign(value));
    }

    private static IllegalArgumentException unsupported(Model network) {
        return new IllegalArgumentException("only MultiLayerNetwork and ComputationGraph are supported, got "
                + (network == null ? "null" : network.getClass().getName()));
    }
}
