package dev.compressor.prune.sparse;

import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.encoding.entropy.RansCoder;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes {@code sparse-mask-rans} blobs: the bitmask of the non-zero positions, entropy-coded four
 * bits at a time with a static rANS model (within a fraction of a percent of the mask's Bernoulli
 * entropy {@code n * H(nnz / n)} on an unstructured mask, plus a table of at most 16 entries), then
 * the non-zero values in flat order, stored by the value encoder. Immutable and thread-safe.
 *
 * <p>Blob (little-endian): {@code int n; int nnz;} a {@link RansCoder} stream of
 * {@code 2 * ceil(n / 8)} nibbles over an alphabet of 16 (the mask bytes, low nibble first; bit
 * {@code i % 8} of byte {@code i / 8} marks element {@code i}); then the value block
 * {@code short idLength; ASCII id; int version; int length; blob}.
 *
 * @param inner the value encoder (not itself sparse)
 */
record EntropyMaskEncoder(TensorEncoder inner) implements TensorEncoder {

    static final String ID = "sparse-mask-rans";

    EntropyMaskEncoder {
        Objects.requireNonNull(inner, "inner");
        if (inner.wrapsValues()) {
            throw new IllegalArgumentException("the value encoder of a sparse format must not itself be sparse: "
                    + inner.describe());
        }
    }

    @Override
    public String encodingId() {
        return ID;
    }

    @Override
    public int encodingVersion() {
        return 1;
    }

    @Override
    public String describe() {
        return "rans-mask(" + inner.describe() + ")";
    }

    @Override
    public boolean wrapsValues() {
        return true;
    }

    @Override
    public TensorEncoder rewrap(TensorEncoder newInner) {
        return new EntropyMaskEncoder(newInner);
    }

    /** The bitmask of the non-zero elements, bit {@code i % 8} of byte {@code i / 8}. */
    static byte[] mask(float[] d) {
        byte[] mask = new byte[(d.length + 7) / 8];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0f) {
                mask[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        return mask;
    }

    /** The mask coded as nibbles, low nibble of each byte first. */
    static byte[] codedMask(byte[] mask) {
        int[] nibbles = new int[2 * mask.length];
        for (int i = 0; i < mask.length; i++) {
            nibbles[2 * i] = mask[i] & 0xF;
            nibbles[2 * i + 1] = (mask[i] >>> 4) & 0xF;
        }
        return RansCoder.encode(nibbles, 0, nibbles.length, 16);
    }

    /** The bytes of this format's header and coded mask for these values (the value block excluded). */
    static long indexBytes(float[] d) {
        return 8L + codedMask(mask(d)).length;
    }

    @Override
    public byte[] encode(FloatTensor tensor) {
        float[] d = tensor.data();
        byte[] mask = mask(d);
        int nnz = 0;
        for (float v : d) {
            nnz += v != 0f ? 1 : 0;
        }
        float[] values = new float[nnz];
        int j = 0;
        for (float v : d) {
            if (v != 0f) {
                values[j++] = v;
            }
        }
        byte[] coded = codedMask(mask);
        byte[] innerBlob = nnz == 0 ? new byte[0] : inner.encode(new FloatTensor(TensorLayout.vector(nnz), values));
        byte[] id = inner.encodingId().getBytes(StandardCharsets.US_ASCII);
        long size = 8L + coded.length + 2 + id.length + 8 + innerBlob.length;
        if (size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("sparse tensor of " + d.length + " elements does not fit one blob");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(d.length).putInt(nnz).put(coded).putShort((short) id.length).put(id)
                .putInt(inner.encodingVersion()).putInt(innerBlob.length).put(innerBlob);
        return out.array();
    }
}
