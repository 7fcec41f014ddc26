package dev.compressor.examples.advise;

import dev.compressor.api.advisor.QualityMetric;
import dev.compressor.examples.smalltier.data.EvaluationData;
import dev.compressor.examples.smalltier.data.IdxData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import dev.compressor.prune.SensitivityMetric;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Top-1 accuracy of a classifier on labelled examples, in [0, 1], evaluated in inference mode in
 * batches. It serves both as the advisor's {@link QualityMetric} and as the
 * {@link SensitivityMetric} of per-layer sensitivity analysis, so the mixes are chosen on the same
 * measure the advisor judges them by. The input layout (images {@code [n, C, H, W]} or flattened
 * {@code [n, C*H*W]}, table rows {@code [n, F]}) is found by running the network once
 * ({@link #forNetwork}), which also checks the classes and labels against the model's outputs.
 *
 * <p>Immutable; {@link #evaluate} runs the given network from the calling thread only.
 */
public final class Top1Accuracy implements QualityMetric, SensitivityMetric {

    /** Examples per forward pass. */
    static final int BATCH = 250;

    private final EvaluationData data;
    private final NetworkInput layout;

    private Top1Accuracy(EvaluationData data, NetworkInput layout) {
        this.data = data;
        this.layout = layout;
    }

    /**
     * Accuracy on labelled examples, in the input layout the network accepts.
     *
     * @param network a MultiLayerNetwork or ComputationGraph with one input and one output
     * @param data labelled evaluation data
     * @return the metric
     * @throws IllegalArgumentException if the data is unlabelled, the network takes the examples in
     *     no layout (naming both shapes), its output does not have one column per class, the class
     *     count differs from the data's, or a label is out of range (naming its file and line)
     */
    public static Top1Accuracy forNetwork(Model network, EvaluationData data) {
        Objects.requireNonNull(data, "data");
        if (!data.labelled()) {
            throw new IllegalArgumentException("top-1 accuracy needs labels; " + data.source() + " has none "
                    + "(measure fidelity to fp32 instead)");
        }
        return new Top1Accuracy(data, NetworkInput.fit(network, data));
    }

    /**
     * Accuracy on labelled grey images, as {@link #forNetwork(Model, EvaluationData)}.
     *
     * @param network a MultiLayerNetwork or ComputationGraph with one input and one output
     * @param images the labelled evaluation images
     * @return the metric
     * @throws IllegalArgumentException if the network takes neither {@code [n, 1, h, w]} nor
     *     {@code [n, h*w]} inputs, or its output does not have one column per class
     */
    public static Top1Accuracy forNetwork(Model network, ImageSplit images) {
        return forNetwork(network, new IdxData(images, "images", "images"));
    }

    /**
     * Whether inputs are flattened to {@code [n, length]} (always for table rows).
     *
     * @return true for flattened inputs
     */
    public boolean flatInputs() {
        return layout.flat();
    }

    /**
     * The input layout, e.g. {@code [n, 784]} or {@code [n, 3, 224, 224]}.
     *
     * @return the shape in words
     */
    public String inputShape() {
        return layout.describe();
    }

    /**
     * The number of evaluation examples.
     *
     * @return the count
     */
    public int examples() {
        return data.size();
    }

    /**
     * The first {@code n} evaluation examples in the network's input layout (e.g. for profiling).
     *
     * @param n examples, in [1, examples()]
     * @return a new float32 array
     */
    public INDArray input(int n) {
        return layout.batch(data, 0, n);
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
        int classes = layout.classes();
        for (int from = 0; from < data.size(); from += BATCH) {
            int n = Math.min(BATCH, data.size() - from);
            float[] s = NetworkInput.output(network, layout.batch(data, from, n)).castTo(DataType.FLOAT).dup('c')
                    .data().asFloat();
            for (int i = 0; i < n; i++) {
                int label = data.label(from + i);
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (s[i * classes + c] > s[i * classes + best]) {
                        best = c;
                    }
                }
                correct += best == label && !Float.isNaN(s[i * classes + label]) ? 1 : 0;
            }
        }
        return (double) correct / data.size();
    }
}
