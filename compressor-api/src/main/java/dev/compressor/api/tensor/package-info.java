/**
 * Tensors as compressors see them: flat {@code float[]} runs with a layout
 * ({@link dev.compressor.api.tensor.FloatTensor}), and where each parameter sits in its network
 * ({@link dev.compressor.api.tensor.TensorInfo}).
 */
package dev.compressor.api.tensor;
