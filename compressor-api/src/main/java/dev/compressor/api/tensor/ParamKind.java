package dev.compressor.api.tensor;

/** What role a parameter tensor plays in its layer; compressors choose tensors by kind. */
public enum ParamKind {
    /** Input-to-output weights of dense, convolution, depthwise and pointwise layers. */
    WEIGHT,
    /** Recurrent (hidden-to-hidden) weights of recurrent layers. */
    RECURRENT_WEIGHT,
    /** Embedding tables (one row per token). */
    EMBEDDING,
    /** Biases. */
    BIAS,
    /** Normalisation parameters and statistics (batch-norm gamma, beta, mean, variance). */
    NORMALIZATION,
    /** Anything else (e.g. PReLU alpha, attention projections DL4J does not name). */
    OTHER;

    /**
     * Whether this kind holds the bulk of a layer's parameters (weights, recurrent weights,
     * embeddings), which compressors touch by default.
     *
     * @return true for weight-like kinds
     */
    public boolean isWeightLike() {
        return this == WEIGHT || this == RECURRENT_WEIGHT || this == EMBEDDING;
    }
}
