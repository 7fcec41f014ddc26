package dev.compressor.quant.internal;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.ChannelSplit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code linear-int} encoding: bit-packed integer codes of 1 to 16 bits with a scale and zero
 * point per tensor or per output channel. Value of code {@code q} in channel {@code c}:
 * {@code (float) (q - zeroPoint[c]) * scale[c]}.
 *
 * <p>Blob, version 1, little-endian: {@code u8 bits}, {@code u8 flags} (0), {@code u16} reserved (0),
 * the channel split {@code i32 outer, i32 channels, i32 inner} (flat element {@code i} belongs to
 * channel {@code (i / inner) % channels}; the product is the element count; per-tensor is
 * {@code 1, 1, n}), {@code f32 scale[channels]} (positive, finite),
 * {@code i32 zeroPoint[channels]} (in {@code [0, 2^bits)}), then {@code ceil(n * bits / 8)} bytes of
 * codes packed as {@link BitPacking} describes. Stateless and thread-safe.
 */
public final class LinearIntEncoding implements TensorEncoding {

    /** The encoding id. */
    public static final String ID = "linear-int";
    /** The blob version written. */
    public static final int VERSION = 1;
    static final int FIXED_HEADER = 16;

    /** Creates the encoding (for {@link java.util.ServiceLoader}). */
    public LinearIntEncoding() {
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
     * @throws CorruptTensorException if the blob is malformed
     */
    public static void decodeRange(ByteBuffer blob, TensorLayout layout, int from, int to, float[] dest,
            int destOffset) throws CorruptTensorException {
        Header h = Header.read(blob, layout);
        if (from < 0 || to > layout.length() || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside " + layout);
        }
        ByteBuffer packed = blob.duplicate().position(blob.position() + h.headerBytes()).slice();
        LinearDecoding.decode(packed, h.params(), h.bits(), from, to, dest, destOffset);
    }

    /** A parsed, validated header. */
    record Header(int bits, LinearKernels.Params params, int headerBytes) {

        static Header read(ByteBuffer blob, TensorLayout layout) throws CorruptTensorException {
            ByteBuffer b = blob.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int start = b.position();
            if (b.remaining() < FIXED_HEADER) {
                throw new CorruptTensorException(ID + " blob of " + b.remaining() + " bytes is shorter than its header");
            }
            int bits = b.get(start) & 0xFF;
            int flags = b.get(start + 1) & 0xFF;
            int reserved = b.getShort(start + 2);
            int outer = b.getInt(start + 4);
            int channels = b.getInt(start + 8);
            int inner = b.getInt(start + 12);
            if (bits < 1 || bits > BitPacking.MAX_BITS || flags != 0 || reserved != 0) {
                throw new CorruptTensorException(ID + " header has bits " + bits + ", flags " + flags
                        + ", reserved " + reserved + " (expected 1..16, 0, 0)");
            }
            if (outer < 1 || channels < 1 || inner < 1 || (long) outer * channels * inner != layout.length()) {
                throw new CorruptTensorException(ID + " blob declares channel split " + outer + " x " + channels + " x "
                        + inner + ", which does not fit " + layout);
            }
            ChannelSplit split = new ChannelSplit(outer, channels, inner);
            long header = FIXED_HEADER + 8L * channels;
            long expected = header + BitPacking.packedBytes(layout.length(), bits);
            if (b.remaining() != expected) {
                throw new CorruptTensorException(ID + " blob for " + layout + " at " + bits + " bits with " + channels
                        + " channels must be " + expected + " bytes, is " + b.remaining());
            }
            float[] scale = new float[channels];
            int[] zp = new int[channels];
            int p = start + FIXED_HEADER;
            for (int c = 0; c < channels; c++) {
                scale[c] = b.getFloat(p + 4 * c);
                zp[c] = b.getInt(p + 4 * channels + 4 * c);
                if (!(scale[c] > 0) || Float.isInfinite(scale[c]) || zp[c] < 0 || zp[c] >= 1 << bits) {
                    throw new CorruptTensorException(ID + " channel " + c + " has scale " + scale[c]
                            + " and zero point " + zp[c] + " (need a positive finite scale, 0 <= zp < 2^" + bits + ")");
                }
            }
            return new Header(bits, new LinearKernels.Params(split, scale, zp, (1 << bits) - 1), (int) header);
        }

        static void write(ByteBuffer out, int bits, ChannelSplit split, float[] scale, int[] zp) {
            out.order(ByteOrder.LITTLE_ENDIAN);
            out.put((byte) bits).put((byte) 0).putShort((short) 0).putInt(split.outer()).putInt(split.channels())
                    .putInt(split.inner());
            for (float s : scale) {
                out.putFloat(s);
            }
            for (int z : zp) {
                out.putInt(z);
            }
        }
    }
}
