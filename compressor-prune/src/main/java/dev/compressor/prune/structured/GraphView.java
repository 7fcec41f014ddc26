package dev.compressor.prune.structured;

import dev.compressor.api.artifact.NetworkKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A MultiLayerNetwork or ComputationGraph configuration seen as one directed graph of named nodes
 * in topological order. Holds a private, mutable copy of the configuration parsed from JSON, which
 * {@link NetworkShrinker} edits. Not thread-safe.
 */
final class GraphView {

    /**
     * One node: a layer (with its input preprocessor) or a parameterless vertex.
     *
     * @param name the layer name as the compression state reports it
     * @param layer the layer configuration, or null for a vertex or a network input
     * @param vertex the vertex configuration, or null for a layer or a network input
     * @param inputs names of the nodes feeding this one
     * @param preProcessor the layer's input preprocessor, or null
     */
    record Node(String name, Layer layer, GraphVertex vertex, List<String> inputs, InputPreProcessor preProcessor) {
        boolean isInput() {
            return layer == null && vertex == null;
        }
    }

    final NetworkKind kind;
    final Object configuration;
    final List<Node> nodes;
    final Set<String> outputs;

    private GraphView(NetworkKind kind, Object configuration, List<Node> nodes, Set<String> outputs) {
        this.kind = kind;
        this.configuration = configuration;
        this.nodes = nodes;
        this.outputs = outputs;
    }

    static GraphView parse(NetworkKind kind, String json) {
        return kind == NetworkKind.MULTI_LAYER ? multiLayer(MultiLayerConfiguration.fromJson(json))
                : graph(ComputationGraphConfiguration.fromJson(json));
    }

    /** The name a MultiLayerNetwork layer goes by (its configured name, else its index). */
    static String layerName(Layer layer, int index) {
        return layer.getLayerName() != null ? layer.getLayerName() : String.valueOf(index);
    }

    private static GraphView multiLayer(MultiLayerConfiguration conf) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("input", null, null, List.of(), null));
        String previous = "input";
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layerName(layer, i);
            nodes.add(new Node(name, layer, null, List.of(previous), conf.getInputPreProcess(i)));
            previous = name;
        }
        return new GraphView(NetworkKind.MULTI_LAYER, conf, nodes, Set.of(previous));
    }

    private static GraphView graph(ComputationGraphConfiguration conf) {
        Map<String, Node> byName = new LinkedHashMap<>();
        for (String in : conf.getNetworkInputs()) {
            byName.put(in, new Node(in, null, null, List.of(), null));
        }
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            List<String> inputs = List.copyOf(conf.getVertexInputs().getOrDefault(e.getKey(), List.of()));
            if (e.getValue() instanceof LayerVertex lv) {
                byName.put(e.getKey(), new Node(e.getKey(), lv.getLayerConf().getLayer(), null, inputs,
                        lv.getPreProcessor()));
            } else {
                byName.put(e.getKey(), new Node(e.getKey(), null, e.getValue(), inputs, null));
            }
        }
        return new GraphView(NetworkKind.GRAPH, conf, topological(byName),
                Set.copyOf(conf.getNetworkOutputs()));
    }

    private static List<Node> topological(Map<String, Node> byName) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> consumers = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (Node n : byName.values()) {
            pending.put(n.name(), n.inputs().size());
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n.name());
            }
            if (n.inputs().isEmpty()) {
                ready.add(n.name());
            }
        }
        List<Node> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String name = ready.poll();
            order.add(byName.get(name));
            for (String c : consumers.getOrDefault(name, List.of())) {
                if (pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != byName.size()) {
            throw new IllegalArgumentException("the network's graph has a cycle or a dangling input");
        }
        return order;
    }
}
