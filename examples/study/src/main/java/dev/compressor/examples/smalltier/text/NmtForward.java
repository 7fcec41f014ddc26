package dev.compressor.examples.smalltier.text;

import dev.compressor.examples.networks.AttentionNmt;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One teacher-forced forward pass of a translation model: token ids in, next-token scores out.
 * Lets {@link GreedyDecoder} and {@link NmtEvaluator} run a plain {@link ComputationGraph} or any
 * other runtime (e.g. a compressed one) with the same inputs as {@link AttentionNmt}.
 */
@FunctionalInterface
public interface NmtForward {

    /**
     * Scores every next token at every target position.
     *
     * @param source source ids as floats {@code [b, 1, S]}
     * @param sourceMask 1 for real source positions, 0 for padding {@code [b, S]}
     * @param targetIn decoder inputs (start token then the prefix) {@code [b, 1, T]}
     * @return scores {@code [b, targetVocab, T]} (probabilities or anything with the same argmax)
     */
    INDArray apply(INDArray source, INDArray sourceMask, INDArray targetIn);

    /**
     * Wraps a graph built by {@link AttentionNmt}: inference-mode {@code output} with the source mask and
     * no target mask (the target prefix is never padded). Thread-safety is that of the graph (not thread-safe).
     *
     * @param graph the network
     * @return the forward function
     */
    static NmtForward of(ComputationGraph graph) {
        java.util.Objects.requireNonNull(graph, "graph");
        return (source, sourceMask, targetIn) ->
                graph.output(false, new INDArray[] {source, targetIn}, new INDArray[] {sourceMask, null})[0];
    }
}
