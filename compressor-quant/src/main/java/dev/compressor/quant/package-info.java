/**
 * Quantization of DL4J networks: linear int-k weights (2..16 bits, symmetric or asymmetric, per
 * tensor or per output channel) with observers that choose the clipping range, fp16/bf16 storage,
 * k-means weight sharing, simulated int8 activations calibrated through the network's own forward
 * pass, and a resident-quantized runtime that keeps weights encoded in memory.
 *
 * <p>Start at {@link dev.compressor.quant.Quantization}. Every quantizer is a
 * {@link dev.compressor.api.Compressor}; its encodings ({@code linear-int}, {@code codebook}) are
 * registered {@link dev.compressor.api.encoding.TensorEncoding}s, so artifacts decode exactly
 * wherever this module is on the class path.
 */
package dev.compressor.quant;
