package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained small network with how it was trained and how well it does on the test split.
 *
 * <p>The graph is mutable (it is a DL4J network); the rest is immutable.
 *
 * @param network which small network
 * @param graph the trained weights
 * @param options the training options used
 * @param trainExamples examples in the training split used
 * @param test accuracy on the test split, fp32
 * @param trainSeconds wall-clock training time in seconds, batch-norm recalibration included, evaluation
 *                     excluded
 * @param trainCpuSeconds CPU time of the training process over the same span, in seconds (-1 when the
 *                        platform does not report it)
 */
public record TrainedNetwork(SmallNetwork network, ComputationGraph graph, TrainingOptions options,
                             int trainExamples, TopKAccuracy test, double trainSeconds,
                             double trainCpuSeconds) {
}
