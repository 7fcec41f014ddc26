package dev.compressor.quant;

/** Whether a tensor gets one set of quantization parameters or one per output channel. */
public enum Granularity {
    /** One scale and zero point for the whole tensor. */
    PER_TENSOR,
    /**
     * One scale and zero point per output channel, along the axis DL4J's parameter layout uses for
     * outputs ({@link dev.compressor.api.tensor.TensorInfo#outputAxis()}); tensors without such an
     * axis, and sparse tensors whose kept values are stored as one vector, fall back to per-tensor.
     * Each channel keeps the per-tensor parameters where those quantize it with less error, so
     * per-channel is never worse than per-tensor on the same tensor.
     */
    PER_CHANNEL
}
