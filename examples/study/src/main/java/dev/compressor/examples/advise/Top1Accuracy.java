package dev.compressor.examples.advise;

import dev.compressor.api.advisor.QualityMetric;
import dev.compressor.examples.smalltier.data.ImageSplit;
import dev.compressor.prune.SensitivityMetric;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Top-1 accuracy of an image classifier on labelled images, in [0, 1], evaluated in inference mode
 * in batches. It serves both as the advisor's {@link QualityMetric} and as the
 * {@link SensitivityMetric} of per-layer sensitivity analysis, so the mixes are chosen on the same
 * measure the advisor judges them by. The input layout (images {@code [n, 1, h, w]} or flattened
 * {@code [n, h*w]}) is found by running the network once ({@link #forNetwork}).
 *
 * <p>Immutable; {@link #evaluate} runs the given network from the calling thread only.
 */
public final class Top1Accuracy implements QualityMetric, SensitivityMetric {

    /** Examples per forward pass. */
    static final int BATCH = 250;

    private final ImageSplit images;
    private final boolean flat;

    private Top1Accuracy(ImageSplit images, boolean flat) {
        this.images = Objects.requireNonNull(images, "images");
        this.flat = flat;
    }

    /**
     * Accuracy on {@code images}, in the input layout the network accepts.
     *
     * @param network a MultiLayerNetwork or ComputationGraph with one input and one output
     * @param images the labelled evaluation images
     * @return the metric
     * @throws IllegalArgumentException if the network takes neither {@code [n, 1, h, w]} nor
     *     {@code [n, h*w]} inputs, or its output does not have one column per class
     */
    public static Top1Accuracy forNetwork(Model network, ImageSplit images) {
        Top1Accuracy nchw = new Top1Accuracy(images, false);
        Top1Accuracy flat = new Top1Accuracy(images, true);
        String why;
        try {
            nchw.check(network);
            return nchw;
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        try {
            flat.check(network);
            return flat;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the model accepts neither [n, 1, " + images.height() + ", "
                    + images.width() + "] images (" + why + ") nor flattened [n, " + images.height() * images.width()
                    + "] inputs (" + e.getMessage() + ") with " + images.classes() + " output classes");
        }
    }

    private void check(Model network) {
        INDArray out = forward(network, input(0, 1));
        if (out.rank() != 2 || out.size(1) != images.classes()) {
            throw new IllegalArgumentException("output shape " + java.util.Arrays.toString(out.shape()));
        }
    }

    /**
     * Whether inputs are flattened to {@code [n, h*w]}.
     *
     * @return true for flattened inputs
     */
    public boolean flatInputs() {
        return flat;
    }

    /**
     * The number of evaluation examples.
     *
     * @return the count
     */
    public int examples() {
        return images.size();
    }

    /**
     * The first {@code n} evaluation images in the network's input layout (e.g. for profiling).
     *
     * @param n examples, in [1, examples()]
     * @return a new float32 array
     */
    public INDArray input(int n) {
        return input(0, n);
    }

    private INDArray input(int from, int n) {
        INDArray x = images.images(from, n);
        return flat ? x.reshape('c', n, (long) images.height() * images.width()) : x;
    }

    @Override
    public String name() {
        return "top-1";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double evaluate(Model network) {
        int correct = 0;
        int classes = images.classes();
        for (int from = 0; from < images.size(); from += BATCH) {
            int n = Math.min(BATCH, images.size() - from);
            float[] s = forward(network, input(from, n)).castTo(DataType.FLOAT).dup('c').data().asFloat();
            for (int i = 0; i < n; i++) {
                int label = images.label(from + i);
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (s[i * classes + c] > s[i * classes + best]) {
                        best = c;
                    }
                }
                correct += best == label && !Float.isNaN(s[i * classes + label]) ? 1 : 0;
            }
        }
        return (double) correct / images.size();
    }

    private static INDArray forward(Model network, INDArray x) {
        if (network instanceof ComputationGraph cg) {
            return cg.outputSingle(false, x);
        }
        if (network instanceof MultiLayerNetwork mln) {
            return mln.output(x, false);
        }
        throw new IllegalArgumentException("unsupported network type " + network.getClass().getName());
    }
}
