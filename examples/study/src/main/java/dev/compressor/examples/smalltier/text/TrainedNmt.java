package dev.compressor.examples.smalltier.text;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained small translation model with how it was trained and how it scores. The graph is
 * mutable (DL4J); the rest is immutable.
 *
 * @param graph the trained network
 * @param sourceVocab its source vocabulary
 * @param targetVocab its target vocabulary
 * @param options the training options
 * @param trainPairs training pairs used (after the length limit)
 * @param iterations minibatch updates done
 * @param trainSeconds wall-clock training time in seconds (evaluation excluded)
 * @param bleu BLEU of the model on the evaluated test pairs
 * @param baseline BLEU of the copy-the-source baseline on the same pairs
 * @param testPairs test pairs evaluated
 */
public record TrainedNmt(ComputationGraph graph, Vocabulary sourceVocab, Vocabulary targetVocab,
                         NmtTrainingOptions options, int trainPairs, int iterations, double trainSeconds,
                         BleuScore bleu, BleuScore baseline, int testPairs) {
}
