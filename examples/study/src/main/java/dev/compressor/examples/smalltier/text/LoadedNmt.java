package dev.compressor.examples.smalltier.text;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A translation network with the vocabularies it was trained with. The graph is mutable (DL4J).
 *
 * @param graph the network
 * @param sourceVocab its source vocabulary
 * @param targetVocab its target vocabulary
 */
public record LoadedNmt(ComputationGraph graph, Vocabulary sourceVocab, Vocabulary targetVocab) {

    /**
     * Checks that the vocabularies fit the network's embedding and output sizes.
     *
     * @throws IllegalArgumentException if a size differs, naming both
     */
    public LoadedNmt {
        long srcRows = graph.getLayer("src_embed").getParam("W").size(0);
        long outCols = graph.getLayer("output").getParam("W").size(1);
        if (srcRows != sourceVocab.size() || outCols != targetVocab.size()) {
            throw new IllegalArgumentException("vocabularies " + sourceVocab.size() + "/" + targetVocab.size()
                    + " do not fit the network's " + srcRows + "/" + outCols);
        }
    }
}
