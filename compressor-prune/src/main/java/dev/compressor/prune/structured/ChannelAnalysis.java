package dev.compressor.prune.structured;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/**
 * Follows channels through a network: every convolution, dense or output layer creates a channel
 * space (a group); normalisation, activation and pooling pass it on; an element-wise vertex (a
 * residual add) merges the spaces of its inputs into one dependency group, which can only lose the
 * same channels everywhere; a concatenation places spaces side by side. A group is blocked, with the
 * reasons recorded, when it reaches a network output, an output layer's predictions, or a node that
 * mixes or reshapes channels. Not thread-safe; built once per network.
 */
final class ChannelAnalysis {

    /** A run of channels belonging to one group. @param group group id @param size channels, -1 if unknown */
    record Segment(int group, int size) {
    }

    /**
     * How a node's input axis maps to the channel spaces feeding it.
     *
     * @param space the segments, in channel order
     * @param spatial input rows per channel (height times width after a flattening preprocessor, else 1)
     * @param format the flattening order when {@code spatial > 1}
     */
    record InputMap(List<Segment> space, int spatial, CNN2DFormat format) {
    }

    final GraphView view;
    final Map<String, NodeRole> roles = new LinkedHashMap<>();
    final Map<String, InputMap> inputs = new LinkedHashMap<>();
    final Map<String, Integer> produced = new LinkedHashMap<>();
    private final List<Integer> parent = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<TreeSet<String>> reasons = new ArrayList<>();
    private final Map<String, List<Segment>> out = new LinkedHashMap<>();

    private ChannelAnalysis(GraphView view) {
        this.view = view;
    }

    static ChannelAnalysis of(GraphView view) {
        ChannelAnalysis a = new ChannelAnalysis(view);
        for (GraphView.Node n : view.nodes) {
            a.visit(n);
        }
        for (String o : view.outputs) {
            a.block(a.out.get(o), "reaches the network output '" + o + "'");
        }
        return a;
    }

    private void visit(GraphView.Node n) {
        NodeRole role = NodeRole.of(n);
        roles.put(n.name(), role);
        List<List<Segment>> ins = new ArrayList<>();
        n.inputs().forEach(i -> ins.add(out.get(i)));
        switch (role) {
            case INPUT -> {
                int g = newGroup(-1);
                block(g, "network input '" + n.name() + "'");
                out.put(n.name(), List.of(new Segment(g, -1)));
            }
            case CONVOLUTION, DENSE, OUTPUT -> {
                FeedForwardLayer f = (FeedForwardLayer) n.layer();
                InputMap map = inputMap(n, ins.get(0), f.getNIn());
                if (map != null) {
                    inputs.put(n.name(), map);
                }
                int g = newGroup((int) f.getNOut());
                produced.put(n.name(), g);
                if (role == NodeRole.OUTPUT) {
                    block(g, "'" + n.name() + "' is an output layer: its outputs are the predictions");
                }
                out.put(n.name(), List.of(new Segment(g, (int) f.getNOut())));
            }
            case NORMALIZATION -> {
                List<Segment> in = ins.get(0);
                long nIn = ((FeedForwardLayer) n.layer()).getNIn();
                if (n.preProcessor() == null && total(in) == nIn) {
                    inputs.put(n.name(), new InputMap(in, 1, CNN2DFormat.NCHW));
                } else {
                    block(in, "feeds '" + n.name() + "', whose channels do not line up with its inputs");
                }
                out.put(n.name(), in);
            }
            case PASS -> {
                if (n.preProcessor() != null) {
                    block(ins.get(0), "feeds '" + n.name() + "' through a preprocessor that reshapes channels");
                }
                out.put(n.name(), ins.get(0));
            }
            case ELEMENT_WISE -> out.put(n.name(), elementWise(n, ins));
            case CONCAT -> out.put(n.name(), concat(n, ins));
            default -> {
                String type = n.layer() != null ? n.layer().getClass().getSimpleName()
                        : n.vertex().getClass().getSimpleName();
                ins.forEach(in -> block(in, "feeds '" + n.name() + "' (" + type
                        + "), which mixes or reshapes channels in a way this library does not shrink"));
                int g = newGroup(-1);
                block(g, "comes out of '" + n.name() + "' (" + type + ")");
                out.put(n.name(), List.of(new Segment(g, -1)));
            }
        }
    }

    private InputMap inputMap(GraphView.Node n, List<Segment> in, long nIn) {
        List<Segment> space = in;
        if (in.size() == 1 && in.get(0).size() < 0) { // straight from a network input: size from the layer
            long channels = n.preProcessor() instanceof CnnToFeedForwardPreProcessor c ? c.getNumChannels() : nIn;
            space = List.of(new Segment(in.get(0).group(), (int) channels));
        }
        long channels = total(space);
        if (n.preProcessor() == null && channels == nIn) {
            return new InputMap(space, 1, CNN2DFormat.NCHW);
        }
        if (n.preProcessor() instanceof CnnToFeedForwardPreProcessor c && c.getNumChannels() == channels
                && channels * c.getInputHeight() * c.getInputWidth() == nIn) {
            return new InputMap(space, (int) (c.getInputHeight() * c.getInputWidth()), c.getFormat());
        }
        block(in, "feeds '" + n.name() + "', whose " + nIn + " inputs do not map one to one onto " + channels
                + " channels" + (n.preProcessor() == null ? "" : " through " + n.preProcessor().getClass().getSimpleName()));
        return null;
    }

    private List<Segment> elementWise(GraphView.Node n, List<List<Segment>> ins) {
        List<Segment> first = ins.get(0);
        boolean same = first.stream().allMatch(s -> s.size() >= 0);
        for (List<Segment> other : ins) {
            same &= other.size() == first.size();
            for (int i = 0; same && i < first.size(); i++) {
                same = other.get(i).size() == first.get(i).size();
            }
        }
        if (!same) {
            ins.forEach(in -> block(in, "meets differently composed channels in element-wise vertex '" + n.name() + "'"));
            int g = newGroup(-1);
            block(g, "comes out of element-wise vertex '" + n.name() + "'");
            return List.of(new Segment(g, -1));
        }
        for (List<Segment> other : ins) {
            for (int i = 0; i < first.size(); i++) {
                union(first.get(i).group(), other.get(i).group());
            }
        }
        return first;
    }

    private List<Segment> concat(GraphView.Node n, List<List<Segment>> ins) {
        List<Segment> joined = new ArrayList<>();
        ins.forEach(joined::addAll);
        if (joined.stream().anyMatch(s -> s.size() < 0)) {
            block(joined, "is concatenated in '" + n.name() + "' with channels of unknown number");
        }
        return joined;
    }

    private static long total(List<Segment> space) {
        long t = 0;
        for (Segment s : space) {
            t += s.size();
        }
        return t;
    }

    private int newGroup(int size) {
        parent.add(parent.size());
        sizes.add(size);
        reasons.add(new TreeSet<>());
        return parent.size() - 1;
    }

    int find(int g) {
        int r = g;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        parent.set(g, r);
        return r;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent.set(rb, ra);
            reasons.get(ra).addAll(reasons.get(rb));
        }
    }

    private void block(int g, String reason) {
        reasons.get(find(g)).add(reason);
    }

    private void block(List<Segment> space, String reason) {
        space.forEach(s -> block(s.group(), reason));
    }

    /** The reasons a group cannot be pruned; empty if it can. */
    TreeSet<String> reasons(int group) {
        return reasons.get(find(group));
    }

    /** The number of channels of a group. */
    int size(int group) {
        return sizes.get(find(group));
    }
}
