package dev.compressor.api.artifact;

/** The two DL4J network types an artifact can hold. */
public enum NetworkKind {
    /** {@link org.deeplearning4j.nn.multilayer.MultiLayerNetwork}. */
    MULTI_LAYER,
    /** {@link org.deeplearning4j.nn.graph.ComputationGraph}. */
    GRAPH
}
