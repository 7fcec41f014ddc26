package dev.compressor.api.encoding;

import dev.compressor.api.tensor.FloatTensor;

/**
 * The encoding half of a {@link TensorEncoding}, bound to the settings a compressor decided
 * (bit width, scales, codebook). Encoding is deterministic: the same tensor gives the same bytes.
 *
 * <p>A compressor that changes a tensor's values also sets the encoder that stores the new values
 * exactly: for example a quantizer stores the dequantized values with an encoder that carries the
 * scales it chose, so {@code decode(encode(values)) == values} bit for bit. Implementations are
 * immutable and thread-safe.
 */
public interface TensorEncoder {

    /**
     * The id of the {@link TensorEncoding} that decodes this encoder's output.
     *
     * @return the encoding id
     */
    String encodingId();

    /**
     * The blob version this encoder writes.
     *
     * @return the version
     */
    int encodingVersion();

    /**
     * A short human-readable description of the settings, e.g. {@code "int8 per-channel(axis 1) sym"}.
     *
     * @return the description
     */
    String describe();

    /**
     * Encodes a tensor.
     *
     * @param tensor the values to store
     * @return the blob
     * @throws IllegalArgumentException if the tensor does not fit this encoder's settings
     */
    byte[] encode(FloatTensor tensor);

    /**
     * For encoders that wrap a value encoder (sparse formats): the same wrapper around another
     * value encoder. Other encoders return {@code inner} itself, meaning "replace me".
     *
     * @param inner the new value encoder
     * @return the encoder to use from now on
     */
    default TensorEncoder rewrap(TensorEncoder inner) {
        return inner;
    }

    /**
     * Whether this encoder wraps a value encoder (a sparse format that stores a mask and hands the
     * kept values, gathered into a one-dimensional tensor, to its value encoder).
     *
     * @return true for wrappers
     */
    default boolean wrapsValues() {
        return false;
    }
}
