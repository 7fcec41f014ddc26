package dev.compressor.prune.sparse;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@code sparse-bitmask} encoding: one bit per element marks the non-zero ones, whose values
 * follow in any registered value encoding. Registered through {@link java.util.ServiceLoader};
 * create encoders with {@link SparseEncoders}. Stateless and thread-safe.
 */
public final class SparseBitmaskEncoding implements TensorEncoding {

    /** Creates the encoding (for {@link java.util.ServiceLoader}). */
    public SparseBitmaskEncoding() {
    }

    @Override
    public String id() {
        return SparseFormat.BITMASK.id;
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
        int maskBytes = (n + 7) / 8;
        if (b.remaining() < 8 + maskBytes) {
            throw new CorruptTensorException("sparse-bitmask blob for " + layout + " needs at least "
                    + (8 + maskBytes) + " bytes, has " + b.remaining());
        }
        int length = b.getInt();
        if (length != n) {
            throw new CorruptTensorException("sparse-bitmask blob holds " + length + " elements, the layout "
                    + layout + " has " + n);
        }
        int nnz = b.getInt();
        if (nnz < 0 || nnz > n) {
            throw new CorruptTensorException("sparse-bitmask blob claims " + nnz + " non-zeros in " + n + " elements");
        }
        byte[] mask = new byte[maskBytes];
        b.get(mask);
        long ones = 0;
        for (byte m : mask) {
            ones += Integer.bitCount(m & 0xFF);
        }
        if (ones != nnz) {
            throw new CorruptTensorException("sparse-bitmask blob has " + ones + " bits set but claims " + nnz);
        }
        if (n % 8 != 0 && (mask[maskBytes - 1] & 0xFF) >>> (n % 8) != 0) {
            throw new CorruptTensorException("sparse-bitmask blob marks positions past the tensor's " + n);
        }
        float[] values = InnerValues.read(b, nnz, context);
        Arrays.fill(dest, destOffset, destOffset + n, 0f);
        int j = 0;
        for (int byteIndex = 0; byteIndex < maskBytes; byteIndex++) {
            int m = mask[byteIndex] & 0xFF;
            while (m != 0) {
                int bit = Integer.numberOfTrailingZeros(m);
                dest[destOffset + (byteIndex << 3) + bit] = values[j++];
                m &= m - 1;
            }
        }
    }
}
