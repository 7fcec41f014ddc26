package dev.compressor.quant;

import dev.compressor.api.Compressor;
import dev.compressor.api.Compressors;
import dev.compressor.api.TensorSelector;

/**
 * Entry point of the quantization module: static factories for every quantizer. Each returns an
 * immutable {@link Compressor}, or a builder for one, that composes with other compressors through
 * {@link Compressor#then}.
 *
 * <pre>{@code
 * CompressionResult r = Quantization.linear(8).perChannel().build().compress(network);
 * CompressionResult k = Quantization.kmeans(5).build().compress(network);
 * }</pre>
 */
public final class Quantization {

    private Quantization() {
    }

    /**
     * Linear quantization of weights; defaults: symmetric, per output channel, min-max observer.
     *
     * @param bits bits per weight, 2..16
     * @return a builder
     * @throws IllegalArgumentException if {@code bits} is out of range, naming it
     */
    public static LinearQuantizer.Builder linear(int bits) {
        return LinearQuantizer.builder(bits);
    }

    /**
     * Int8 per-channel symmetric weights with min-max ranges.
     *
     * @return the compressor
     */
    public static LinearQuantizer int8PerChannel() {
        return linear(8).perChannel().symmetric().build();
    }

    /**
     * Int8 per-tensor asymmetric weights with min-max ranges: the classic TensorFlow
     * {@code quantize_weights} scheme.
     *
     * @return the compressor
     */
    public static LinearQuantizer int8PerTensorAsymmetric() {
        return linear(8).perTensor().asymmetric().build();
    }

    /**
     * K-means weight sharing (Deep Compression, post-training).
     *
     * @param bits bits per index, 2..8 ({@code 2^bits} centroids per tensor)
     * @return a builder
     * @throws IllegalArgumentException if {@code bits} is out of range, naming it
     */
    public static KMeansQuantizer.Builder kmeans(int bits) {
        return KMeansQuantizer.builder(bits);
    }

    /**
     * Simulated activation quantization (default int8 asymmetric, min-max calibration), calibrated
     * on sample inputs run through the network's own forward pass.
     *
     * @param calibration sample inputs: one batch array per network input (the arrays are kept, not
     *     copied; do not modify them)
     * @return a builder
     * @throws IllegalArgumentException if no input is given or the batches differ in size
     */
    public static ActivationQuantizer.Builder activations(org.nd4j.linalg.api.ndarray.INDArray... calibration) {
        return ActivationQuantizer.builder(calibration);
    }

    /**
     * Weights stored as IEEE binary16, rounded to nearest even; biases and normalisation stay fp32.
     * Not {@code Compressors.fp16()}, which stores every tensor in fp16.
     *
     * @return the compressor
     */
    public static Compressor fp16Weights() {
        return Compressors.fp16(TensorSelector.weights());
    }

    /**
     * Weights stored as bfloat16, rounded to nearest even; biases and normalisation stay fp32.
     * Not {@code Compressors.bf16()}, which stores every tensor in bf16.
     *
     * @return the compressor
     */
    public static Compressor bf16Weights() {
        return Compressors.bf16(TensorSelector.weights());
    }
}
