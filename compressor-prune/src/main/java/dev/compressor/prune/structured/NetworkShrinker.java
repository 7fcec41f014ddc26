package dev.compressor.prune.structured;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorState;
import dev.compressor.api.artifact.NetworkKind;
import dev.compressor.api.tensor.FloatTensor;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the smaller network: edits the configuration's layer sizes and flattening preprocessors for
 * the kept channels (turning any {@link DirectPointwiseConvolution} back into a plain
 * {@code ConvolutionLayer}, so that the result holds stock DL4J layers only), initialises the new
 * network and copies the kept slices of every parameter into it. Not thread-safe; used once.
 */
final class NetworkShrinker {

    private final ChannelAnalysis analysis;
    private final Map<Integer, int[]> keep;

    /**
     * @param analysis the network's channel analysis (its configuration is edited in place)
     * @param keep kept channels (ascending) per pruned group root
     */
    NetworkShrinker(ChannelAnalysis analysis, Map<Integer, int[]> keep) {
        this.analysis = analysis;
        this.keep = keep;
    }

    Model shrink(CompressionState state) {
        for (GraphView.Node n : analysis.view.nodes) {
            resize(n);
        }
        if (analysis.view.configuration instanceof MultiLayerConfiguration m) {
            PointwiseConvolutions.restorePlain(m);
        } else {
            PointwiseConvolutions.restorePlain((ComputationGraphConfiguration) analysis.view.configuration);
        }
        Model net = analysis.view.kind == NetworkKind.MULTI_LAYER
                ? new MultiLayerNetwork((MultiLayerConfiguration) analysis.view.configuration)
                : new ComputationGraph((ComputationGraphConfiguration) analysis.view.configuration);
        net.init();
        for (TensorState t : state.tensors()) {
            FloatTensor smaller = Gather.gather(t.values(), axes(t));
            INDArray target = net.getParam(t.name());
            if (!Arrays.equals(target.shape(), smaller.layout().shape())) {
                throw new IllegalStateException("tensor '" + t.name() + "' was cut to " + smaller.layout()
                        + " but the smaller network expects " + Arrays.toString(target.shape()));
            }
            target.assign(Nd4j.create(smaller.data(), smaller.layout().shape(), smaller.layout().order()));
        }
        return net;
    }

    private int[] kept(int group) {
        return keep.get(analysis.find(group));
    }

    private void resize(GraphView.Node n) {
        NodeRole role = analysis.roles.get(n.name());
        Integer g = analysis.produced.get(n.name());
        if (g != null && kept(g) != null) {
            ((FeedForwardLayer) n.layer()).setNOut(kept(g).length);
        }
        int[] in = inputChannels(n.name());
        if (in == null) {
            return;
        }
        FeedForwardLayer layer = (FeedForwardLayer) n.layer();
        if (role == NodeRole.NORMALIZATION) {
            layer.setNIn(in.length);
            layer.setNOut(in.length);
        } else {
            layer.setNIn((long) in.length * analysis.inputs.get(n.name()).spatial());
            if (n.preProcessor() instanceof CnnToFeedForwardPreProcessor c) {
                c.setNumChannels(in.length);
            }
        }
    }

    /** The kept positions of a node's input channels, or null if none of them is removed. */
    private int[] inputChannels(String node) {
        ChannelAnalysis.InputMap map = analysis.inputs.get(node);
        if (map == null || map.space().stream().noneMatch(s -> kept(s.group()) != null)) {
            return null;
        }
        int total = 0;
        for (ChannelAnalysis.Segment s : map.space()) {
            total += kept(s.group()) != null ? kept(s.group()).length : s.size();
        }
        int[] out = new int[total];
        int pos = 0;
        int offset = 0;
        for (ChannelAnalysis.Segment s : map.space()) {
            int[] k = kept(s.group()) != null ? kept(s.group()) : Gather.identity(s.size());
            for (int c : k) {
                out[pos++] = offset + c;
            }
            offset += s.size();
        }
        return out;
    }

    /** Per axis of a tensor, the kept indices (null: all). */
    private int[][] axes(TensorState t) {
        String node = t.info().layerName();
        NodeRole role = analysis.roles.get(node);
        int rank = t.info().layout().rank();
        int[][] axes = new int[rank][];
        if (role == null) {
            return axes;
        }
        int[] in = inputChannels(node);
        if (role == NodeRole.NORMALIZATION) {
            axes[rank - 1] = in;
            return axes;
        }
        if (!role.produces()) {
            return axes;
        }
        int[] out = kept(analysis.produced.get(node));
        String key = t.info().paramKey();
        if (key.equals("b")) {
            axes[rank - 1] = out;
        } else if (key.equals("W")) {
            int outAxis = role == NodeRole.CONVOLUTION ? 0 : 1;
            int inAxis = role == NodeRole.CONVOLUTION ? 1 : 0;
            axes[outAxis] = out;
            axes[inAxis] = in == null || role == NodeRole.CONVOLUTION ? in : rows(node, in);
        }
        return axes;
    }

    /** The weight rows of a dense layer for its kept input channels, through its flattening order. */
    private int[] rows(String node, int[] channels) {
        ChannelAnalysis.InputMap map = analysis.inputs.get(node);
        int spatial = map.spatial();
        if (spatial == 1) {
            return channels;
        }
        int oldChannels = map.space().stream().mapToInt(ChannelAnalysis.Segment::size).sum();
        int[] rows = new int[channels.length * spatial];
        int pos = 0;
        if (map.format() == CNN2DFormat.NHWC) {
            for (int s = 0; s < spatial; s++) {
                for (int c : channels) {
                    rows[pos++] = s * oldChannels + c;
                }
            }
            Arrays.sort(rows);
        } else {
            for (int c : channels) {
                for (int s = 0; s < spatial; s++) {
                    rows[pos++] = c * spatial + s;
                }
            }
        }
        return rows;
    }
}
