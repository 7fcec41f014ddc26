package dev.compressor.api.recalibration;

import java.util.ArrayList;
import com.google.common.primitives.Ints;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch normalisation layer of a network: how to compute its input (an inference pass up to the
 * layer before it, then the layer's input preprocessor if any) and how to write new running
 * statistics into its parameters. Bound to one network; not thread-safe.
 */
final class BatchNormSite {

    private final Model network;
    private final String name;
    private final Layer layer;
    private final BatchNormalization conf;
    private final int mlnIndex;
    private final String graphInput;
    private final InputPreProcessor preProcessor;

    private BatchNormSite(Model network, String name, Layer layer, int mlnIndex, String graphInput,
            InputPreProcessor preProcessor) {
        this.network = network;
        this.name = name;
        this.layer = layer;
        this.conf = (BatchNormalization) layer.conf().getLayer();
        this.mlnIndex = mlnIndex;
        this.graphInput = graphInput;
        this.preProcessor = preProcessor;
    }

    /**
     * The batch normalisation layers of a network in the order an inference pass reaches them.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph
     * @return the sites, empty if there are none
     * @throws IllegalArgumentException for another kind of network or one not initialised
     */
    static List<BatchNormSite> of(Model network) {
        List<BatchNormSite> out = new ArrayList<>();
        if (network instanceof MultiLayerNetwork m) {
            requireInitialised(m.getLayers());
            for (int i = 0; i < m.getnLayers(); i++) {
                Layer l = m.getLayer(i);
                if (l.conf().getLayer() instanceof BatchNormalization) {
                    String n = l.conf().getLayer().getLayerName() == null ? Integer.toString(i)
                            : l.conf().getLayer().getLayerName();
                    out.add(new BatchNormSite(network, n, l, i, null,
                            m.getLayerWiseConfigurations().getInputPreProcess(i)));
                }
            }
            return out;
        }
        if (network instanceof ComputationGraph g) {
            requireInitialised(g.getLayers());
            ComputationGraphConfiguration conf = g.getConfiguration();
            for (int idx : g.topologicalSortOrder()) {
                String n = g.getVertices()[idx].getVertexName();
                GraphVertex v = conf.getVertices().get(n);
                if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNormalization) {
                    out.add(new BatchNormSite(network, n, g.getLayer(n), -1, conf.getVertexInputs().get(n).get(0),
                            lv.getPreProcessor()));
                }
            }
            return out;
        }
        throw new IllegalArgumentException("only MultiLayerNetwork and ComputationGraph are supported, got "
                + (network == null ? "null" : network.getClass().getName()));
    }

    private static void requireInitialised(Object layers) {
        if (layers == null) {
            throw new IllegalArgumentException("the network has not been initialised (call init() first)");
        }
    }

    /** The layer's name (a MultiLayerNetwork layer without a name goes by its index). @return the name */
    String name() {
        return name;
    }

    /** The number of channels it normalises. @return nOut */
    int channels() {
        return (int) conf.getNOut();
    }

    /** The channel axis of rank-4 inputs. @return the format */
    CNN2DFormat format() {
        return conf.getCnn2DFormat();
    }

    /**
     * The layer's input for a batch, computed by an inference pass (earlier batch normalisations use
     * their current running statistics).
     *
     * @param features one array per network input
     * @return the activations the layer normalises
     */
    INDArray input(INDArray[] features) {
        INDArray in;
        if (network instanceof MultiLayerNetwork m) {
            in = mlnIndex == 0 ? features[0] : m.feedForwardToLayer(mlnIndex - 1, features[0], false).get(mlnIndex);
        } else {
            ComputationGraph g = (ComputationGraph) network;
            List<String> inputs = g.getConfiguration().getNetworkInputs();
            int k = inputs.indexOf(graphInput);
            if (k >= 0) {
                in = features[k];
            } else {
                // feedForward(inputs, n, train, clear) runs the first n + 1 vertices in topological order (the
                // three-argument form takes an index into getLayers()): stop at the input vertex's position
                int position = Ints.indexOf(g.topologicalSortOrder(), g.getVertex(graphInput).getVertexIndex());
                Map<String, INDArray> acts = g.feedForward(features, position, false, false);
                in = acts.get(graphInput);
            }
        }
        if (preProcessor != null) {
            in = preProcessor.preProcess(in, (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        return in;
    }

    /**
     * The layer's input, taken from the activations of one whole forward pass (the layer before it,
     * then the layer's input preprocessor if any).
     *
     * @param features one array per network input
     * @param graphActivations a ComputationGraph's activations by vertex name, or null
     * @param layerActivations a MultiLayerNetwork's activations (the input first), or null
     * @return the activations the layer normalises
     */
    INDArray inputFrom(INDArray[] features, Map<String, INDArray> graphActivations, List<INDArray> layerActivations) {
        INDArray in;
        if (network instanceof MultiLayerNetwork) {
            in = layerActivations.get(mlnIndex);
        } else {
            int k = ((ComputationGraph) network).getConfiguration().getNetworkInputs().indexOf(graphInput);
            in = k >= 0 ? features[k] : graphActivations.get(graphInput);
        }
        if (in == null) {
            throw new IllegalStateException("no activation of '" + graphInput + "', the input of " + name);
        }
        if (preProcessor != null) {
            in = preProcessor.preProcess(in, (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        return in;
    }

    /**
     * Writes running statistics into the layer's parameters; gamma and beta are not touched. A layer
     * with {@code useLogStd} stores {@code log10(sqrt(variance))}, which its inference pass turns back
     * into the variance (a zero variance is stored as the smallest normal float's).
     *
     * @param mean the per-channel mean
     * @param variance the per-channel population variance
     */
    void write(float[] mean, float[] variance) {
        INDArray m = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        m.assign(Nd4j.createFromArray(mean).reshape(m.shape()));
        if (conf.isUseLogStd()) {
            float[] log = new float[variance.length];
            for (int i = 0; i < log.length; i++) {
                log[i] = (float) (0.5 * Math.log10(Math.max(variance[i], Float.MIN_NORMAL)));
            }
            INDArray p = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            p.assign(Nd4j.createFromArray(log).reshape(p.shape()));
        } else {
            INDArray p = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
            p.assign(Nd4j.createFromArray(variance).reshape(p.shape()));
        }
    }

}
