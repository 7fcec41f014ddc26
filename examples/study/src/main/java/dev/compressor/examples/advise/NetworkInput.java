package dev.compressor.examples.advise;

import dev.compressor.examples.smalltier.data.EvaluationData;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a network takes evaluation data: images as {@code [n, C, H, W]} or flattened to
 * {@code [n, C*H*W]}, table rows as {@code [n, F]}; found by running the network once on the
 * first example, before anything is measured. Checks the output (one column per class) against
 * the data: as many classes as the data's class folders, every label below the number of outputs.
 * A mismatch is an {@link IllegalArgumentException} naming the data's shape and the model's.
 * Immutable.
 */
final class NetworkInput {

    private final boolean flat;
    private final int classes;
    private final int[] shape;

    private NetworkInput(boolean flat, int classes, int[] shape) {
        this.flat = flat;
        this.classes = classes;
        this.shape = shape;
    }

    /**
     * Finds the layout and checks classes and labels.
     *
     * @param network a MultiLayerNetwork or ComputationGraph with one input and one output
     * @param data the evaluation data
     * @return the layout
     * @throws IllegalArgumentException if the network takes the data in neither layout, its output is
     *     not {@code [n, classes]}, the class count differs from the data's, or a label is out of range
     */
    static NetworkInput fit(Model network, EvaluationData data) {
        Objects.requireNonNull(network, "network");
        int[] shape = data.exampleShape();
        List<Boolean> layouts = shape.length == 3 ? List.of(false, true) : List.of(true);
        StringBuilder why = new StringBuilder();
        for (boolean flat : layouts) {
            NetworkInput candidate = new NetworkInput(flat, -1, shape);
            INDArray out;
            try {
                out = output(network, candidate.batch(data, 0, 1));
            } catch (RuntimeException e) {
                why.append(why.length() == 0 ? "" : "; ").append(candidate.describe()).append(": ")
                        .append(firstLine(e));
                continue;
            }
            if (out.rank() != 2) {
                throw new IllegalArgumentException("the model's output is " + Arrays.toString(out.shape())
                        + ", not [n, classes]: only classifiers with one output per class are supported");
            }
            NetworkInput fitted = new NetworkInput(flat, (int) out.size(1), shape);
            fitted.checkClasses(data);
            return fitted;
        }
        throw new IllegalArgumentException("the model does not take the data's shape: the data gives "
                + describeData(shape) + " but the model takes " + expected(network) + " (" + why
                + ")" + (shape.length == 3 ? "; give --input matching the model" : ""));
    }

    private void checkClasses(EvaluationData data) {
        if (!data.classNames().isEmpty() && data.classNames().size() != classes) {
            List<String> n = data.classNames();
            throw new IllegalArgumentException("the data has " + n.size() + " classes (class folders "
                    + (n.size() <= 6 ? String.join(", ", n) : String.join(", ", n.subList(0, 5)) + ", ..., "
                    + n.get(n.size() - 1)) + ") but the model outputs " + classes + " classes: give one class "
                    + "folder per output, named so that they sort in the model's class order");
        }
        if (data.labelled()) {
            for (int i = 0; i < data.size(); i++) {
                int label = data.label(i);
                if (label >= classes) {
                    throw new IllegalArgumentException(data.origin(i) + ": label " + label + " is out of range: the "
                            + "model outputs " + classes + " classes, labels 0 to " + (classes - 1));
                }
            }
        }
    }

    /** Whether examples are flattened to {@code [n, length]}. */
    boolean flat() {
        return flat;
    }

    /** The number of output classes. */
    int classes() {
        return classes;
    }

    /** Examples {@code [from, from + n)} in this layout. */
    INDArray batch(EvaluationData data, int from, int n) {
        INDArray x = data.features(from, n);
        return flat && shape.length != 1 ? x.reshape('c', n, (long) data.exampleLength()) : x;
    }

    /** The layout as a shape, e.g. {@code [n, 784]} or {@code [n, 3, 224, 224]}. */
    String describe() {
        if (flat) {
            long len = 1;
            for (int d : shape) {
                len *= d;
            }
            return "[n, " + len + "]";
        }
        return "[n, " + shape[0] + ", " + shape[1] + ", " + shape[2] + "]";
    }

    private static String describeData(int[] shape) {
        if (shape.length == 1) {
            return "rows of " + shape[0] + " features, [n, " + shape[0] + "]";
        }
        return String.format(Locale.ROOT, "%dx%dx%d images, [n, %d, %d, %d] or flattened [n, %d]", shape[0], shape[1],
                shape[2], shape[0], shape[1], shape[2], shape[0] * shape[1] * shape[2]);
    }

    /**
     * The input shape a network's configuration asks for, as far as it tells: from its first layer
     * ({@code nIn}) and that layer's input pre-processor; {@code h, w} where the size is not recorded.
     */
    static String expected(Model network) {
        Layer first = null;
        InputPreProcessor pre = null;
        if (network instanceof MultiLayerNetwork mln) {
            first = mln.getLayerWiseConfigurations().getConf(0).getLayer();
            pre = mln.getLayerWiseConfigurations().getInputPreProcess(0);
        } else if (network instanceof ComputationGraph cg) {
            String in = cg.getConfiguration().getNetworkInputs().get(0);
            for (Map.Entry<String, List<String>> e : cg.getConfiguration().getVertexInputs().entrySet()) {
                GraphVertex v = cg.getConfiguration().getVertices().get(e.getKey());
                if (e.getValue().contains(in) && v instanceof LayerVertex lv) {
                    first = lv.getLayerConf().getLayer();
                    pre = lv.getPreProcessor();
                    break;
                }
            }
        }
        if (pre instanceof FeedForwardToCnnPreProcessor p) {
            return "[n, " + p.getNumChannels() * p.getInputHeight() * p.getInputWidth() + "] (" + p.getNumChannels()
                    + "x" + p.getInputHeight() + "x" + p.getInputWidth() + " flattened)";
        }
        if (first instanceof ConvolutionLayer c) {
            return "[n, " + c.getNIn() + ", h, w]";
        }
        if (first instanceof FeedForwardLayer f) {
            return "[n, " + f.getNIn() + "]";
        }
        return "an input its first layer (" + (first == null ? "unknown" : first.getClass().getSimpleName())
                + ") describes";
    }

    /** Runs the network in inference mode. */
    static INDArray output(Model network, INDArray x) {
        if (network instanceof ComputationGraph cg) {
            return cg.outputSingle(false, x);
        }
        if (network instanceof MultiLayerNetwork mln) {
            return mln.output(x, false);
        }
        throw new IllegalArgumentException("unsupported network type " + network.getClass().getName());
    }

    private static String firstLine(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
