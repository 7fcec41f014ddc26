package dev.compressor.prune.sparse;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@code sparse-relative-index} encoding (Deep Compression style): the gaps between non-zero
 * elements in k-bit codes, with a skip code for gaps that do not fit, and the non-zero values in any
 * registered value encoding. Registered through {@link java.util.ServiceLoader}; create encoders
 * with {@link SparseEncoders}. Stateless and thread-safe.
 */
public final class SparseRelativeIndexEncoding implements TensorEncoding {

    /** Creates the encoding (for {@link java.util.ServiceLoader}). */
    public SparseRelativeIndexEncoding() {
    }

    @Override
    public String id() {
        return SparseFormat.RELATIVE_INDEX.id;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void decode(ByteBuffer blob, int blobVersion, TensorLayout layout, float[] dest, int destOffset,
            DecodeContext context) throws CorruptTensorException {
        ByteBuffer b = blob.order(ByteOrder.LITTLE_ENDIAN);
        int n = layout.length();
        if (b.remaining() < 13) {
            throw new CorruptTensorException("sparse-relative-index blob has " + b.remaining()
                    + " bytes, fewer than its 13-byte header");
        }
        int k = b.get();
        int length = b.getInt();
        if (length != n) {
            throw new CorruptTensorException("sparse-relative-index blob holds " + length + " elements, the layout "
                    + layout + " has " + n);
        }
        int nnz = b.getInt();
        long codes = b.getInt() & 0xFFFFFFFFL;
        if (k < SparseIndex.MIN_BITS || k > SparseIndex.MAX_BITS) {
            throw new CorruptTensorException("sparse-relative-index code width " + k + " is outside ["
                    + SparseIndex.MIN_BITS + ", " + SparseIndex.MAX_BITS + "]");
        }
        int skip = (1 << k) - 1;
        if (nnz < 0 || nnz > n || codes > nnz + (long) n / skip + 1) {
            throw new CorruptTensorException("sparse-relative-index blob claims " + nnz + " non-zeros and " + codes
                    + " codes for " + n + " elements");
        }
        long bytes = (codes * k + 7) / 8;
        if (b.remaining() < bytes) {
            throw new CorruptTensorException("sparse-relative-index blob needs " + bytes + " code bytes, has "
                    + b.remaining());
        }
        byte[] packed = new byte[(int) bytes];
        b.get(packed);
        int[] positions = positions(packed, codes, k, nnz, n);
        float[] values = InnerValues.read(b, nnz, context);
        Arrays.fill(dest, destOffset, destOffset + n, 0f);
        for (int j = 0; j < nnz; j++) {
            dest[destOffset + positions[j]] = values[j];
        }
    }

    private static int[] positions(byte[] packed, long codes, int k, int nnz, int n) throws CorruptTensorException {
        int skip = (1 << k) - 1;
        int[] out = new int[nnz];
        int count = 0;
        long pos = -1;
        long acc = 0;
        int filled = 0;
        int in = 0;
        for (long c = 0; c < codes; c++) {
            while (filled < k) {
                acc |= (long) (packed[in++] & 0xFF) << filled;
                filled += 8;
            }
            int code = (int) (acc & skip);
            acc >>>= k;
            filled -= k;
            if (code == skip) {
                pos += skip;
                continue;
            }
            pos += code + 1;
            if (pos >= n || count == nnz) {
                throw new CorruptTensorException("sparse-relative-index code " + c + " points past the tensor ("
                        + pos + " of " + n + ") or past " + nnz + " values");
            }
            out[count++] = (int) pos;
        }
        if (count != nnz) {
            throw new CorruptTensorException("sparse-relative-index blob decodes " + count + " positions, claims "
                    + nnz);
        }
        return out;
    }
}
