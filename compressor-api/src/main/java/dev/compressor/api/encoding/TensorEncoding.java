package dev.compressor.api.encoding;

import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * A named, versioned, self-describing way of storing one tensor: the decoding half of an
 * encoding, found through {@link java.util.ServiceLoader} by its {@link #id()}.
 *
 * <p>A blob carries every parameter needed to decode it (scales, codebooks, masks); the artifact
 * adds only the tensor's layout. Encodings compose: a sparse encoding stores a mask and hands its
 * values to any other registered encoding through {@link DecodeContext#decode}.
 *
 * <p>Implementations are stateless and thread-safe, with a public no-argument constructor, and
 * are listed in {@code META-INF/services/dev.compressor.api.encoding.TensorEncoding}. Decoding
 * must never trust the blob: check every length and count against the blob's size and the layout
 * before allocating, and throw {@link CorruptTensorException} naming the problem.
 */
public interface TensorEncoding {

    /**
     * The stable identifier stored in artifacts, e.g. {@code "dense-f32"}, {@code "linear-int"}.
     *
     * @return the id: lower case letters, digits and dashes
     */
    String id();

    /**
     * The newest blob version this implementation reads (and writes). Readers accept every version
     * from 1 to this one and reject newer ones.
     *
     * @return the version, at least 1
     */
    int version();

    /**
     * Decodes a blob into {@code dest[destOffset .. destOffset + layout.length())}.
     *
     * @param blob the encoded bytes, positioned at their start; the limit is the end of the blob
     * @param blobVersion the version the blob was written with, 1..{@link #version()}
     * @param layout the shape and order of the tensor the blob holds
     * @param dest where to put the values, in layout order
     * @param destOffset where in {@code dest} the tensor starts
     * @param context access to other encodings (for composition) and read limits
     * @throws CorruptTensorException if the blob is malformed, truncated or inconsistent with the layout
     */
    void decode(ByteBuffer blob, int blobVersion, TensorLayout layout, float[] dest, int destOffset,
            DecodeContext context) throws CorruptTensorException;

    /**
     * Decodes a blob into {@code dest[dest.position() .. dest.position() + layout.length())}, for
     * destinations outside the Java heap (a network's off-heap parameter vector). The default
     * decodes into a temporary array and copies it; encodings that can write straight into the
     * buffer (a dense copy) override it. Does not move {@code dest}'s position.
     *
     * @param blob the encoded bytes, positioned at their start; the limit is the end of the blob
     * @param blobVersion the version the blob was written with, 1..{@link #version()}
     * @param layout the shape and order of the tensor the blob holds
     * @param dest where to put the values, in layout order; at least {@code layout.length()} remaining
     * @param context access to other encodings (for composition) and read limits
     * @throws CorruptTensorException if the blob is malformed, truncated or inconsistent with the layout
     */
    default void decode(ByteBuffer blob, int blobVersion, TensorLayout layout, FloatBuffer dest,
            DecodeContext context) throws CorruptTensorException {
        float[] values = new float[layout.length()];
        decode(blob, blobVersion, layout, values, 0, context);
        dest.put(dest.position(), values);
    }
}
