package dev.compressor.api.advisor;

import org.deeplearning4j.nn.api.Model;

/**
 * How good a network's outputs are, higher is better: accuracy on evaluation data, BLEU, or
 * agreement with the uncompressed network's outputs. A functional interface: a lambda
 * {@code network -> accuracyOf(network)} is a metric.
 */
@FunctionalInterface
public interface QualityMetric {

    /**
     * The metric's name, e.g. {@code "top-1"}; override it to name the metric.
     *
     * @return the name; {@code "quality"} unless overridden
     */
    default String name() {
        return "quality";
    }

    /**
     * Evaluates a network.
     *
     * @param network a runnable MultiLayerNetwork or ComputationGraph
     * @return the quality, higher is better, in the metric's unit (e.g. accuracy in [0, 1])
     * @throws Exception if evaluation fails
     */
    double evaluate(Model network) throws Exception;
}
