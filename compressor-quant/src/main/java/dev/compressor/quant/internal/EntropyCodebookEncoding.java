package dev.compressor.quant.internal;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.encoding.entropy.RansCoder;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code codebook-rans} encoding: weight sharing with entropy-coded indices (Deep Compression's
 * codebook plus Huffman stage, with a static rANS coder in place of Huffman). A table of {@code k}
 * float entries and one index per element, coded within a fraction of a percent of the indices'
 * order-0 empirical entropy.
 *
 * <p>Blob, version 1, little-endian: {@code i32 k} (1..65536), {@code f32 codebook[k]} (finite,
 * strictly increasing in {@link Float#compare} order, so {@code -0.0 < 0.0}), then a
 * {@link RansCoder} stream of the {@code n} indices over an alphabet of at most {@code k}, ending
 * the blob. Decoding checks every field and never allocates more than the layout and {@code k}
 * entries. Stateless and thread-safe.
 */
public final class EntropyCodebookEncoding implements TensorEncoding {

    /** The encoding id. */
    public static final String ID = "codebook-rans";
    /** The blob version written. */
    public static final int VERSION = 1;

    /** Creates the encoding (for {@link java.util.ServiceLoader}). */
    public EntropyCodebookEncoding() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public void decode(ByteBuffer blob, int blobVersion, TensorLayout layout, float[] dest, int destOffset,
            DecodeContext context) throws CorruptTensorException {
        ByteBuffer b = blob.order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 4) {
            throw new CorruptTensorException(ID + " blob of " + b.remaining() + " bytes is shorter than its header");
        }
        int k = b.getInt();
        if (k < 1 || k > RansCoder.MAX_ALPHABET || 4L * k > b.remaining()) {
            throw new CorruptTensorException(ID + " blob declares " + k + " codebook entries with " + b.remaining()
                    + " bytes left (expected 1.." + RansCoder.MAX_ALPHABET + ")");
        }
        float[] book = new float[k];
        for (int j = 0; j < k; j++) {
            book[j] = b.getFloat();
            if (!Float.isFinite(book[j]) || j > 0 && Float.compare(book[j - 1], book[j]) >= 0) {
                throw new CorruptTensorException(ID + " codebook entry " + j + " is " + book[j]
                        + " (entries must be finite and strictly increasing)");
            }
        }
        int n = layout.length();
        int[] idx = new int[n];
        RansCoder.decode(b, idx, 0, n, k);
        if (b.hasRemaining()) {
            throw new CorruptTensorException(ID + " blob has " + b.remaining() + " bytes after its index stream");
        }
        for (int i = 0; i < n; i++) {
            dest[destOffset + i] = book[idx[i]];
        }
    }
}
