package dev.compressor.quant.internal;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code codebook} encoding: a table of up to {@code 2^bits} float centroids and one bit-packed
 * index of 1 to 16 bits per element (weight sharing). Value of index {@code j}: {@code codebook[j]}.
 *
 * <p>Blob, version 1, little-endian: {@code u8 bits}, {@code u8} reserved (0), {@code u16} reserved
 * (0), {@code i32 k} (1..2^bits), {@code f32 codebook[k]} (finite, strictly increasing), then
 * {@code ceil(n * bits / 8)} bytes of indices packed as {@link BitPacking} describes; every index
 * is below {@code k}. Stateless and thread-safe.
 */
public final class CodebookEncoding implements TensorEncoding {

    /** The encoding id. */
    public static final String ID = "codebook";
    /** The blob version written. */
    public static final int VERSION = 1;
    static final int FIXED_HEADER = 8;
    private static final int CHUNK = 8192;

    /** Creates the encoding (for {@link java.util.ServiceLoader}). */
    public CodebookEncoding() {
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
        decodeRange(blob, layout, 0, layout.length(), dest, destOffset);
    }

    /**
     * Decodes elements {@code [from, to)} of a blob (used by the resident runtime to expand one tile).
     *
     * @param blob the blob, positioned at its start
     * @param layout the tensor's layout
     * @param from first element
     * @param to one past the last element
     * @param dest destination
     * @param destOffset where element {@code from} goes
     * @throws CorruptTensorException if the blob is malformed or holds an index beyond the codebook
     */
    public static void decodeRange(ByteBuffer blob, TensorLayout layout, int from, int to, float[] dest,
            int destOffset) throws CorruptTensorException {
        if (from < 0 || to > layout.length() || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside " + layout);
        }
        ByteBuffer b = blob.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        if (b.remaining() < FIXED_HEADER) {
            throw new CorruptTensorException(ID + " blob of " + b.remaining() + " bytes is shorter than its header");
        }
        int bits = b.get(start) & 0xFF;
        int reserved = (b.get(start + 1) & 0xFF) | b.getShort(start + 2);
        int k = b.getInt(start + 4);
        if (bits < 1 || bits > BitPacking.MAX_BITS || reserved != 0 || k < 1 || k > 1 << bits) {
            throw new CorruptTensorException(ID + " header has bits " + bits + ", reserved " + reserved + ", k " + k
                    + " (expected bits 1..16, reserved 0, 1 <= k <= 2^bits)");
        }
        long header = FIXED_HEADER + 4L * k;
        long expected = header + BitPacking.packedBytes(layout.length(), bits);
        if (b.remaining() != expected) {
            throw new CorruptTensorException(ID + " blob for " + layout + " at " + bits + " bits with " + k
                    + " centroids must be " + expected + " bytes, is " + b.remaining());
        }
        float[] book = new float[k];
        for (int j = 0; j < k; j++) {
            book[j] = b.getFloat(start + FIXED_HEADER + 4 * j);
            if (!Float.isFinite(book[j]) || j > 0 && !(book[j] > book[j - 1])) {
                throw new CorruptTensorException(ID + " codebook entry " + j + " is " + book[j]
                        + " (entries must be finite and strictly increasing)");
            }
        }
        ByteBuffer packed = b.position(start + (int) header).slice();
        int aligned = from & ~7;
        int chunks = (to - aligned + CHUNK - 1) / CHUNK;
        int[] bad = {-1};
        Parallel.forSlices(chunks, Parallel.sliceCount(chunks, CHUNK), (s, cf, ct) -> {
            ByteBuffer src = packed.duplicate();
            int[] idx = new int[CHUNK];
            byte[] bytes = new byte[CHUNK * 2];
            for (int ch = cf; ch < ct; ch++) {
                int e0 = aligned + ch * CHUNK;
                int e1 = Math.min(to, e0 + CHUNK);
                int count = e1 - e0;
                src.get((int) BitPacking.byteOffset(e0, bits), bytes, 0, (int) BitPacking.packedBytes(count, bits));
                BitPacking.unpack(bytes, 0, count, bits, idx, 0);
                for (int i = Math.max(e0, from); i < e1; i++) {
                    int j = idx[i - e0];
                    if (j >= k) {
                        bad[0] = j;
                        return;
                    }
                    dest[destOffset + i - from] = book[j];
                }
            }
        });
        if (bad[0] >= 0) {
            throw new CorruptTensorException(ID + " blob holds index " + bad[0] + " beyond its " + k + " centroids");
        }
    }
}
