package dev.compressor.api.internal;

import dev.compressor.api.artifact.NetworkKind;
import dev.compressor.api.tensor.TensorInfo;
import dev.compressor.api.tensor.TensorLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads parameters out of DL4J networks and builds networks from a configuration and a flat
 * parameter vector, for both {@link MultiLayerNetwork} and {@link ComputationGraph}.
 */
public final class NetworkIO {

    private NetworkIO() {
    }

    /**
     * The kind of a network.
     *
     * @param model a DL4J network
     * @return its kind
     * @throws IllegalArgumentException for anything but MultiLayerNetwork or ComputationGraph
     */
    public static NetworkKind kindOf(Model model) {
        if (model instanceof MultiLayerNetwork) {
            return NetworkKind.MULTI_LAYER;
        }
        if (model instanceof ComputationGraph) {
            return NetworkKind.GRAPH;
        }
        throw new IllegalArgumentException("only MultiLayerNetwork and ComputationGraph are supported, got "
                + (model == null ? "null" : model.getClass().getName()));
    }

    /**
     * Checks that a network is a MultiLayerNetwork or ComputationGraph whose {@code init()} has run
     * (a network built from a configuration has no parameters until then, and ND4J fails on it
     * with errors that do not say so).
     *
     * @param model a DL4J network
     * @return the network's kind
     * @throws NullPointerException if {@code model} is null
     * @throws IllegalArgumentException if the network is of another type or not initialised
     */
    public static NetworkKind requireInitialised(Model model) {
        java.util.Objects.requireNonNull(model, "network");
        NetworkKind kind = kindOf(model);
        boolean initialised = kind == NetworkKind.MULTI_LAYER ? ((MultiLayerNetwork) model).isInitCalled()
                : ((ComputationGraph) model).getVertices() != null;
        if (!initialised) {
            throw new IllegalArgumentException("the " + model.getClass().getSimpleName() + " is not initialised: call "
                    + "init() on it first (new " + model.getClass().getSimpleName() + "(conf) has no parameters until init())");
        }
        return kind;
    }

    /** The network's configuration as DL4J JSON. */
    public static String configJson(Model model) {
        return kindOf(model) == NetworkKind.MULTI_LAYER
                ? ((MultiLayerNetwork) model).getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) model).getConfiguration().toJson();
    }

    private static INDArray flatParams(Model model) {
        requireInitialised(model);
        return model.params();
    }

    /**
     * Every parameter tensor of an initialised network, in flat-vector order.
     *
     * @param model the network
     * @return the tensors with their roles and offsets
     */
    public static List<TensorInfo> inventory(Model model) {
        INDArray flat = flatParams(model);
        long base = flat.offset();
        List<TensorInfo> out = new ArrayList<>();
        if (kindOf(model) == NetworkKind.MULTI_LAYER) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            org.deeplearning4j.nn.api.Layer[] layers = net.getLayers();
            for (int i = 0; i < layers.length; i++) {
                Layer conf = layers[i].conf().getLayer();
                String name = conf.getLayerName() != null ? conf.getLayerName() : String.valueOf(i);
                add(out, String.valueOf(i), name, conf, layers[i].paramTable(), base);
            }
        } else {
            ComputationGraph cg = (ComputationGraph) model;
            for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : cg.getVertices()) {
                Map<String, INDArray> table = v.paramTable(false);
                if (table == null || table.isEmpty()) {
                    continue;
                }
                Layer conf = v.hasLayer() ? v.getLayer().conf().getLayer() : null;
                add(out, v.getVertexName(), v.getVertexName(), conf, table, base);
            }
        }
        out.sort((a, b) -> Long.compare(a.flatOffset(), b.flatOffset()));
        return List.copyOf(out);
    }

    private static void add(List<TensorInfo> out, String prefix, String layerName, Layer conf,
            Map<String, INDArray> table, long base) {
        String type = conf == null ? "vertex" : conf.getClass().getSimpleName();
        for (Map.Entry<String, INDArray> e : table.entrySet()) {
            INDArray view = e.getValue();
            long[] shape = view.shape();
            char order = view.ordering();
            if (view.rank() == 0) {
                shape = new long[] {1};
            }
            ParamRoles.Role role = ParamRoles.roleOf(conf, e.getKey(), shape.length);
            out.add(new TensorInfo(prefix + "_" + e.getKey(), layerName, type, e.getKey(), role.kind(),
                    TensorLayout.of(order, shape), role.outputAxis(), view.offset() - base));
        }
    }

    /**
     * A read-only view of the network's flat parameter vector, positioned at its first element.
     *
     * @param model an initialised network with FLOAT parameters
     * @return the view; valid while the network's parameters are not reallocated
     * @throws IllegalArgumentException if the parameters are not FLOAT or too many for one array
     */
    public static java.nio.FloatBuffer flatBuffer(Model model) {
        INDArray p = flatParams(model);
        if (p.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("only FLOAT networks are supported, this one has "
                    + p.dataType() + " parameters; convert it with network.convertDataType(DataType.FLOAT)");
        }
        if (p.length() > TensorLayout.MAX_ELEMENTS) {
            throw new IllegalArgumentException("network has " + p.length() + " parameters; at most "
                    + TensorLayout.MAX_ELEMENTS + " are supported");
        }
        int n = (int) p.length();
        java.nio.FloatBuffer all = p.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        return all.position((int) p.offset()).limit((int) p.offset() + n).slice().asReadOnlyBuffer();
    }

    /**
     * The number of parameters a configuration declares, without allocating them.
     *
     * @param kind the network kind
     * @param configJson DL4J JSON
     * @return the parameter count
     */
    public static long declaredParams(NetworkKind kind, String configJson) {
        return parse(kind, configJson).declaredParams();
    }

    /**
     * Builds a network from its configuration and a flat parameter vector, without random
     * initialisation.
     *
     * @param kind the network kind
     * @param configJson DL4J JSON
     * @param flat the parameters in flat-vector order
     * @return the initialised network
     */
    public static Model build(NetworkKind kind, String configJson, float[] flat) {
        return parse(kind, configJson).build(flat);
    }

    /**
     * Parses a DL4J configuration once, for both counting and building.
     *
     * @param kind the network kind
     * @param configJson DL4J JSON
     * @return the parsed configuration
     */
    public static ParsedConfig parse(NetworkKind kind, String configJson) {
        return kind == NetworkKind.MULTI_LAYER
                ? new ParsedConfig(MultiLayerConfiguration.fromJson(configJson), null)
                : new ParsedConfig(null, ComputationGraphConfiguration.fromJson(configJson));
    }

    /**
     * A parsed configuration of either network type.
     *
     * @param multiLayer the MultiLayerNetwork configuration, or null
     * @param graph the ComputationGraph configuration, or null
     */
    public record ParsedConfig(MultiLayerConfiguration multiLayer, ComputationGraphConfiguration graph) {

        /** The number of parameters the configuration declares. @return the count */
        public long declaredParams() {
            long n = 0;
            if (multiLayer != null) {
                for (NeuralNetConfiguration c : multiLayer.getConfs()) {
                    n += c.getLayer().initializer().numParams(c);
                }
            } else {
                for (GraphVertex v : graph.getVertices().values()) {
                    n += v.numParams(false);
                }
            }
            return n;
        }

        /**
         * Builds the network on a copy of {@code flat}, without random initialisation.
         *
         * @param flat the parameters in flat-vector order
         * @return the initialised network
         */
        public Model build(float[] flat) {
            INDArray params = Nd4j.createUninitialized(DataType.FLOAT, 1, flat.length);
            params.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().put(flat);
            return build(params);
        }

        /**
         * Builds the network on {@code params} itself (no copy), without random initialisation.
         *
         * @param params the parameters, a row vector {@code [1, declaredParams()]} in flat-vector order
         * @return the initialised network, whose parameters are views of {@code params}
         */
        public Model build(INDArray params) {
            if (multiLayer != null) {
                MultiLayerNetwork net = new MultiLayerNetwork(multiLayer);
                net.init(params, false);
                return net;
            }
            ComputationGraph cg = new ComputationGraph(graph);
            cg.init(params, false);
            return cg;
        }
    }
}
