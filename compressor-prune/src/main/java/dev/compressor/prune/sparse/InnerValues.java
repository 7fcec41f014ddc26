package dev.compressor.prune.sparse;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads the value block at the end of a sparse blob and decodes it through the registry. Stateless. */
final class InnerValues {

    private static final int MAX_ID = 64;

    private InnerValues() {
    }

    /**
     * Decodes the {@code nnz} values that follow in {@code blob}, which must end exactly after them.
     *
     * @param blob positioned at the inner block
     * @param nnz the number of values the index promised
     * @param context the encodings
     * @return the values
     * @throws CorruptTensorException if the block is malformed
     */
    static float[] read(ByteBuffer blob, int nnz, DecodeContext context) throws CorruptTensorException {
        if (blob.remaining() < 2) {
            throw new CorruptTensorException("sparse blob ends before its value encoding's id");
        }
        int idLength = blob.getShort() & 0xFFFF;
        if (idLength < 1 || idLength > MAX_ID || blob.remaining() < idLength + 8) {
            throw new CorruptTensorException("sparse blob has a value-encoding id of " + idLength + " bytes with "
                    + blob.remaining() + " bytes left");
        }
        byte[] idBytes = new byte[idLength];
        blob.get(idBytes);
        String id = new String(idBytes, StandardCharsets.US_ASCII);
        if (!id.matches("[a-z0-9-]+")) {
            throw new CorruptTensorException("sparse blob names an invalid value encoding '" + id + "'");
        }
        if (id.startsWith("sparse-")) {
            throw new CorruptTensorException("sparse blob nests another sparse encoding '" + id + "'");
        }
        int version = blob.getInt();
        int length = blob.getInt();
        if (length != blob.remaining()) {
            throw new CorruptTensorException("sparse blob declares " + length + " value bytes, " + blob.remaining()
                    + " remain");
        }
        float[] values = new float[nnz];
        if (nnz == 0) {
            if (length != 0) {
                throw new CorruptTensorException("sparse blob has no kept elements but " + length + " value bytes");
            }
            return values;
        }
        context.decode(id, version, blob.slice(), TensorLayout.vector(nnz), values, 0);
        return values;
    }
}
