package dev.compressor.api.artifact;

/** How a restored network holds its weights in memory. */
public enum RuntimeMode {
    /** Weights decoded to fp32 once at load: fastest inference, full-size memory. */
    DEQUANTIZE_AT_LOAD,
    /**
     * Weights stay encoded (int-k, codebook, sparse) in memory and are expanded per inference by
     * custom layers: smaller memory, some latency cost. Needs a {@link ResidentRuntime} on the
     * class path (the {@code compressor-quant} module provides one).
     */
    RESIDENT_QUANTIZED
}
