package dev.compressor.quant;

/** How a linear grid places its levels around zero. */
public enum QuantScheme {
    /**
     * Zero point fixed at the middle: codes {@code -(2^(b-1)-1) .. 2^(b-1)-1} (narrow range, so the
     * grid is symmetric), scale {@code max|x| / (2^(b-1)-1)}. Zero is exact.
     */
    SYMMETRIC,
    /**
     * Scale and zero point fitted to the range {@code [min(lo,0), max(hi,0)]} with all {@code 2^b}
     * codes (the classic TensorFlow {@code quantize_weights} scheme). Zero is exact.
     */
    ASYMMETRIC
}
