package dev.compressor.prune;

import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a sensitivity analysis measures on a network: accuracy on labelled data, or the output
 * error against a reference network. Implementations are immutable; {@link #evaluate} may be called
 * from one thread at a time.
 */
public interface SensitivityMetric {

    /**
     * A short name, e.g. {@code "accuracy"}.
     *
     * @return the name
     */
    String name();

    /**
     * Whether larger values are better (accuracy) or worse (error).
     *
     * @return the direction
     */
    boolean higherIsBetter();

    /**
     * Measures a network.
     *
     * @param network the network to measure
     * @return the value
     */
    double evaluate(Model network);

    /**
     * Top-1 accuracy on labelled examples.
     *
     * @param features inputs, first dimension the examples
     * @param labels one-hot labels {@code [n, classes]}
     * @return the metric, in [0, 1]
     */
    static SensitivityMetric accuracy(INDArray features, INDArray labels) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException(features.size(0) + " examples but " + labels.size(0) + " labels");
        }
        INDArray truth = labels.argMax(1);
        return new SensitivityMetric() {
            @Override
            public String name() {
                return "accuracy";
            }

            @Override
            public boolean higherIsBetter() {
                return true;
            }

            @Override
            public double evaluate(Model network) {
                INDArray predicted = output(network, features).argMax(1);
                return predicted.eq(truth).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
            }
        };
    }

    /**
     * The relative L2 error of a network's outputs against a reference network's on the same
     * inputs: {@code ||y - y_ref|| / ||y_ref||}.
     *
     * @param reference the network to compare against (e.g. the dense one), evaluated once here
     * @param input the inputs
     * @return the metric, 0 for identical outputs
     */
    static SensitivityMetric outputError(Model reference, INDArray input) {
        INDArray expected = output(reference, input).dup();
        double norm = expected.norm2Number().doubleValue();
        return new SensitivityMetric() {
            @Override
            public String name() {
                return "relative output error";
            }

            @Override
            public boolean higherIsBetter() {
                return false;
            }

            @Override
            public double evaluate(Model network) {
                double d = output(network, input).sub(expected).norm2Number().doubleValue();
                return norm == 0 ? d : d / norm;
            }
        };
    }

    /**
     * The output of a network for one input array.
     *
     * @param network a MultiLayerNetwork or a ComputationGraph with one input and one output
     * @param input the input
     * @return the output
     */
    static INDArray output(Model network, INDArray input) {
        if (network instanceof MultiLayerNetwork m) {
            return m.output(input);
        }
        if (network instanceof ComputationGraph g) {
            return g.outputSingle(input);
        }
        throw new IllegalArgumentException("only MultiLayerNetwork and ComputationGraph are supported, got "
                + network.getClass().getName());
    }
}
