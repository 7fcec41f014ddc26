package dev.compressor.prune.sparse;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.encoding.entropy.RansCoder;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@code sparse-mask-rans} encoding: the bitmask of the non-zero elements, entropy-coded with a
 * static rANS model, then the non-zero values in any registered value encoding (the Deep
 * Compression storage of a pruned tensor, with the mask coded near its entropy instead of as
 * Huffman-coded relative indices). Registered through {@link java.util.ServiceLoader}; create
 * encoders with {@link SparseEncoders#entropyMask}. Stateless and thread-safe.
 */
public final class SparseEntropyMaskEncoding implements TensorEncoding {

    /** Creates the encoding (for {@link java.util.ServiceLoader}). */
    public SparseEntropyMaskEncoding() {
    }

    @Override
    public String id() {
        return EntropyMaskEncoder.ID;
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
        if (b.remaining() < 8) {
            throw new CorruptTensorException(EntropyMaskEncoder.ID + " blob has " + b.remaining()
                    + " bytes, fewer than its 8-byte header");
        }
        int length = b.getInt();
        if (length != n) {
            throw new CorruptTensorException(EntropyMaskEncoder.ID + " blob holds " + length
                    + " elements, the layout " + layout + " has " + n);
        }
        int nnz = b.getInt();
        if (nnz < 0 || nnz > n) {
            throw new CorruptTensorException(EntropyMaskEncoder.ID + " blob claims " + nnz + " non-zeros in " + n
                    + " elements");
        }
        int maskBytes = (n + 7) / 8;
        int[] nibbles = new int[2 * maskBytes];
        RansCoder.decode(b, nibbles, 0, nibbles.length, 16);
        byte[] mask = new byte[maskBytes];
        for (int i = 0; i < maskBytes; i++) {
            mask[i] = (byte) (nibbles[2 * i] | nibbles[2 * i + 1] << 4);
        }
        long ones = 0;
        for (byte m : mask) {
            ones += Integer.bitCount(m & 0xFF);
        }
        if (ones != nnz) {
            throw new CorruptTensorException(EntropyMaskEncoder.ID + " mask has " + ones + " bits set but the blob "
                    + "claims " + nnz);
        }
        if (n % 8 != 0 && (mask[maskBytes - 1] & 0xFF) >>> (n % 8) != 0) {
            throw new CorruptTensorException(EntropyMaskEncoder.ID + " mask marks positions past the tensor's " + n);
        }
        float[] values = InnerValues.read(b, nnz, context);
        Arrays.fill(dest, destOffset, destOffset + n, 0f);
        int j = 0;
        for (int byteIndex = 0; byteIndex < maskBytes; byteIndex++) {
            int m = mask[byteIndex] & 0xFF;
            while (m != 0) {
                dest[destOffset + (byteIndex << 3) + Integer.numberOfTrailingZeros(m)] = values[j++];
                m &= m - 1;
            }
        }
    }
}
