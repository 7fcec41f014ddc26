package dev.compressor.examples.settings;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.training.FineTuningBudget;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * How a {@link Recovery#FINE_TUNED fine-tuned} setting compresses: it trains a copy of the network on
 * labelled data within a budget and returns the compression of the trained copy. Implementations
 * never modify the network they are given.
 */
@FunctionalInterface
public interface FineTuning {

    /**
     * Trains a copy and compresses it.
     *
     * @param trained the trained network; not modified
     * @param train labelled minibatches (one features and one labels array per graph input and output); must support {@code reset()}
     * @param budget the most epochs and wall time the training may spend
     * @param learningRate the learning rate the network was trained with; each fine-tuning says which
     *     share of it it uses ({@link Outcome#learningRate()})
     * @return the compression and what the training spent
     */
    Outcome fineTune(ComputationGraph trained, MultiDataSetIterator train, FineTuningBudget budget, double learningRate);

    /**
     * A fine-tuning's result. Immutable apart from the compression's network.
     *
     * @param compression the compressed, trained copy
     * @param wallNanos wall time of the whole fine-tuning (compression steps before and during training
     *     included), ns
     * @param epochs complete passes over the training data
     * @param iterations minibatches trained on
     * @param wallTimeReached whether the wall-time limit, rather than the epoch limit, ended the training
     * @param learningRate the optimiser's learning rate while fine-tuning
     */
    record Outcome(CompressionResult compression, long wallNanos, int epochs, long iterations,
                   boolean wallTimeReached, double learningRate) {

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if a count or the time is negative
         */
        public Outcome {
            Objects.requireNonNull(compression, "compression");
            if (wallNanos < 0 || epochs < 0 || iterations < 0) {
                throw new IllegalArgumentException("negative fine-tuning spend: " + wallNanos + " ns, " + epochs
                        + " epochs, " + iterations + " iterations");
            }
        }
    }
}
