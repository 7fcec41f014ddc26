package dev.compressor.api.encoding;

import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;

/**
 * What a decoding encoding may use besides its blob: the other registered encodings (so that
 * encodings compose without depending on each other's modules).
 */
public interface DecodeContext {

    /**
     * Decodes a nested blob with the encoding registered under {@code encodingId}.
     *
     * @param encodingId the nested encoding's id
     * @param blobVersion the nested blob's version
     * @param blob the nested blob, positioned at its start, limit at its end
     * @param layout the nested tensor's layout
     * @param dest destination array
     * @param destOffset where the nested tensor starts in {@code dest}
     * @throws CorruptTensorException if the encoding is unknown, the version newer than supported,
     *     or the blob corrupt
     */
    void decode(String encodingId, int blobVersion, ByteBuffer blob, TensorLayout layout, float[] dest,
            int destOffset) throws CorruptTensorException;
}
