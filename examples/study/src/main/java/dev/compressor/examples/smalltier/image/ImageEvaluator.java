package dev.compressor.examples.smalltier.image;

import dev.compressor.examples.smalltier.data.ImageSplit;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures top-1 and top-5 accuracy of an image classifier on a split, in inference mode, batch by
 * batch. The study calls it once per compression setting with the compressed network (or any
 * forward function, e.g. a resident-quantized runtime) on the held-out Fashion-MNIST test split.
 *
 * <p>Stateless and thread-safe; the network itself is used from the calling thread only.
 */
public final class ImageEvaluator {

    private ImageEvaluator() {
    }

    /**
     * Evaluates a DL4J network.
     *
     * @param network a {@link ComputationGraph} with one input and output, or a {@link MultiLayerNetwork}
     * @param split the labelled examples
     * @param batchSize examples per forward pass, at least 1
     * @return the accuracies over the whole split
     */
    public static TopKAccuracy evaluate(Model network, ImageSplit split, int batchSize) {
        return evaluate(forward(network), split, batchSize);
    }

    /**
     * Evaluates a forward function.
     *
     * @param forward maps a float32 {@code [n, 1, h, w]} batch to {@code [n, classes]} scores
     * @param split the labelled examples
     * @param batchSize examples per forward pass, at least 1
     * @return the accuracies over the whole split
     */
    public static TopKAccuracy evaluate(UnaryOperator<INDArray> forward, ImageSplit split, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        int top1 = 0;
        int top5 = 0;
        int k = Math.min(5, split.classes());
        for (int from = 0; from < split.size(); from += batchSize) {
            int n = Math.min(batchSize, split.size() - from);
            INDArray out = forward.apply(split.images(from, n));
            if (out.rank() != 2 || out.size(0) != n || out.size(1) != split.classes()) {
                throw new IllegalArgumentException("forward returned shape " + java.util.Arrays.toString(out.shape())
                        + ", expected [" + n + ", " + split.classes() + "]");
            }
            float[] scores = out.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            for (int i = 0; i < n; i++) {
                int rank = rankOfLabel(scores, i * split.classes(), split.classes(), split.label(from + i));
                top1 += rank == 0 ? 1 : 0;
                top5 += rank < k ? 1 : 0;
            }
        }
        return new TopKAccuracy((double) top1 / split.size(), (double) top5 / split.size(), split.size());
    }

    /**
     * Position of the label in the classes ordered by descending score, ties broken by lower class
     * index first (as argmax does); a NaN score for the label ranks last, so a broken network never
     * scores well.
     */
    static int rankOfLabel(float[] scores, int offset, int classes, int label) {
        float s = scores[offset + label];
        if (Float.isNaN(s)) {
            return classes;
        }
        int higher = 0;
        for (int c = 0; c < classes; c++) {
            float v = scores[offset + c];
            if (v > s || (v == s && c < label) || Float.isNaN(v)) {
                higher++;
            }
        }
        return higher;
    }

    static UnaryOperator<INDArray> forward(Model network) {
        if (network instanceof ComputationGraph cg) {
            return x -> cg.outputSingle(false, x);
        }
        if (network instanceof MultiLayerNetwork mln) {
            return x -> mln.output(x, false);
        }
        throw new IllegalArgumentException("unsupported network type " + network.getClass().getName());
    }
}
