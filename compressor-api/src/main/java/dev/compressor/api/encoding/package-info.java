/**
 * The tensor-encoding SPI: {@link dev.compressor.api.encoding.TensorEncoding} (decoding, found
 * through {@link java.util.ServiceLoader}), {@link dev.compressor.api.encoding.TensorEncoder}
 * (encoding with decided settings), the registry, and the built-in dense encodings
 * ({@link dev.compressor.api.encoding.DenseEncoders}).
 */
package dev.compressor.api.encoding;
