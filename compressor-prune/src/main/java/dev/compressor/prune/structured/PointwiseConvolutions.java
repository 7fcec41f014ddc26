package dev.compressor.prune.structured;

import dev.compressor.api.artifact.RuntimeRewrite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gives the 1x1 convolutions of a network a direct path: every plain convolution with a 1x1
 * kernel, any stride, dilation 1 and no padding becomes a {@link DirectPointwiseConvolution}, which
 * computes the same function as a matrix product on the activations (on every {@code s}-th row and
 * column of them for stride {@code s}, as in the stride-2 reduce and projection convolutions of
 * ResNet's projection blocks) instead of DL4J's im2col + GEMM + layout copy. Other layers are
 * unchanged. The result has the same parameters (copied, not
 * shared) and computes the same outputs up to float rounding; it is trainable, but the training
 * state of the argument (updater moments) is not carried over. The argument is not modified.
 * Stateless; thread-safe as long as the argument is not used concurrently.
 *
 * <p>Artifacts hold the plain layers; choose the direct path when restoring one:
 *
 * <pre>{@code
 * ComputationGraph faster = PointwiseConvolutions.directGemm(resnet50);
 * Model restored = CompressedModel.read(file).restore(RestoreOptions.DEFAULT.withRewrite(PointwiseConvolutions.rewrite()));
 * }</pre>
 */
public final class PointwiseConvolutions {

    private PointwiseConvolutions() {
    }

    /**
     * Whether a layer configuration can run as a {@link DirectPointwiseConvolution}.
     *
     * @param layer a layer configuration, or null (false)
     * @return true for a plain {@code ConvolutionLayer} or {@code Convolution2D} with a 1x1 kernel,
     *     any stride, dilation 1 and zero padding (or {@code ConvolutionMode.Same}), in any mode but
     *     {@code Causal}, and for a layer that already is one
     */
    public static boolean isEligible(Layer layer) {
        return DirectPointwiseConvolution.whyIneligible(layer) == null;
    }

    /**
     * The names of the layers {@link #directGemm} would replace (already direct layers excluded).
     *
     * @param network an initialised or uninitialised MultiLayerNetwork or ComputationGraph
     * @return layer names in configuration order (a MultiLayerNetwork layer without a name goes by
     *     its index)
     * @throws IllegalArgumentException if the network is of another kind
     */
    public static List<String> eligibleLayers(Model network) {
        List<String> out = new ArrayList<>();
        if (network instanceof ComputationGraph g) {
            for (Map.Entry<String, GraphVertex> e : g.getConfiguration().getVertices().entrySet()) {
                if (e.getValue() instanceof LayerVertex lv && replaceable(lv.getLayerConf().getLayer())) {
                    out.add(e.getKey());
                }
            }
            return out;
        }
        if (network instanceof MultiLayerNetwork m) {
            List<NeuralNetConfiguration> confs = m.getLayerWiseConfigurations().getConfs();
            for (int i = 0; i < confs.size(); i++) {
                if (replaceable(confs.get(i).getLayer())) {
                    out.add(GraphView.layerName(confs.get(i).getLayer(), i));
                }
            }
            return out;
        }
        throw new IllegalArgumentException("only MultiLayerNetwork and ComputationGraph are supported, got "
                + (network == null ? "null" : network.getClass().getName()));
    }

    /**
     * An equivalent graph whose eligible 1x1 convolutions run as {@link DirectPointwiseConvolution}s.
     *
     * @param network an initialised graph
     * @return a new, initialised graph with the same parameter values
     * @throws NullPointerException if network is null
     * @throws IllegalArgumentException if the graph has not been initialised
     */
    public static ComputationGraph directGemm(ComputationGraph network) {
        Objects.requireNonNull(network, "network");
        requireInitialised(network);
        ComputationGraphConfiguration conf = network.getConfiguration().clone();
        replace(conf);
        ComputationGraph out = new ComputationGraph(conf);
        out.init();
        copyParams(network, out);
        return out;
    }

    /**
     * An equivalent network whose eligible 1x1 convolutions run as {@link DirectPointwiseConvolution}s.
     *
     * @param network an initialised network
     * @return a new, initialised network with the same parameter values
     * @throws NullPointerException if network is null
     * @throws IllegalArgumentException if the network has not been initialised
     */
    public static MultiLayerNetwork directGemm(MultiLayerNetwork network) {
        Objects.requireNonNull(network, "network");
        requireInitialised(network);
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations().clone();
        replace(conf);
        MultiLayerNetwork out = new MultiLayerNetwork(conf);
        out.init();
        copyParams(network, out);
        return out;
    }

    /**
     * The direct path as a {@link RuntimeRewrite}, to choose it when restoring an artifact:
     * {@code model.restore(RestoreOptions.DEFAULT.withRewrite(PointwiseConvolutions.rewrite()))}.
     * A network without eligible layers is returned unchanged.
     *
     * @return the rewrite; stateless and thread-safe
     */
    public static RuntimeRewrite rewrite() {
        return PointwiseConvolutions::directGemm;
    }

    /**
     * An equivalent network whose eligible 1x1 convolutions run as {@link DirectPointwiseConvolution}s,
     * or the argument itself if it has none.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph
     * @return the argument, or a new, initialised network with the same parameter values
     * @throws NullPointerException if network is null
     * @throws IllegalArgumentException if the network is of another kind or has not been initialised
     */
    public static Model directGemm(Model network) {
        Objects.requireNonNull(network, "network");
        if (eligibleLayers(network).isEmpty()) {
            return network;
        }
        return network instanceof ComputationGraph g ? directGemm(g) : directGemm((MultiLayerNetwork) network);
    }

    /** Replaces the eligible layers of a graph configuration in place; returns how many. */
    static int replace(ComputationGraphConfiguration conf) {
        int n = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && replaceable(lv.getLayerConf().getLayer())) {
                lv.getLayerConf().setLayer(DirectPointwiseConvolution.of((ConvolutionLayer) lv.getLayerConf().getLayer()));
                n++;
            }
        }
        return n;
    }

    /** Replaces the eligible layers of a multi-layer configuration in place; returns how many. */
    static int replace(MultiLayerConfiguration conf) {
        int n = 0;
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (replaceable(c.getLayer())) {
                c.setLayer(DirectPointwiseConvolution.of((ConvolutionLayer) c.getLayer()));
                n++;
            }
        }
        return n;
    }

    /** Turns every direct layer of a graph configuration back into a plain convolution; returns how many. */
    static int restorePlain(ComputationGraphConfiguration conf) {
        int n = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof DirectPointwiseConvolution d) {
                lv.getLayerConf().setLayer(d.toPlain());
                n++;
            }
        }
        return n;
    }

    /** Turns every direct layer of a multi-layer configuration back into a plain convolution; returns how many. */
    static int restorePlain(MultiLayerConfiguration conf) {
        int n = 0;
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof DirectPointwiseConvolution d) {
                c.setLayer(d.toPlain());
                n++;
            }
        }
        return n;
    }

    private static boolean replaceable(Layer layer) {
        return layer != null && layer.getClass() != DirectPointwiseConvolution.class && isEligible(layer);
    }

    private static void requireInitialised(Model network) {
        Object layers = network instanceof ComputationGraph g ? g.getLayers() : ((MultiLayerNetwork) network).getLayers();
        if (layers == null) {
            throw new IllegalArgumentException("the network has not been initialised (call init() first)");
        }
    }

    private static void copyParams(Model from, Model to) {
        Map<String, INDArray> source = from.paramTable();
        Map<String, INDArray> target = to.paramTable();
        if (!source.keySet().equals(target.keySet())) {
            throw new IllegalStateException("parameter names changed: " + source.keySet() + " -> " + target.keySet());
        }
        for (Map.Entry<String, INDArray> e : source.entrySet()) {
            INDArray t = target.get(e.getKey());
            if (!Arrays.equals(t.shape(), e.getValue().shape())) {
                throw new IllegalStateException("parameter '" + e.getKey() + "' changed shape: "
                        + Arrays.toString(e.getValue().shape()) + " -> " + Arrays.toString(t.shape()));
            }
            t.assign(e.getValue());
        }
    }
}
