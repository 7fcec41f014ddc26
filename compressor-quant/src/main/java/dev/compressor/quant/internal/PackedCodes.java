package dev.compressor.quant.internal;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.ChannelSplit;
import java.nio.ByteBuffer;

/**
 * One {@code linear-int} tensor as the resident runtime holds it: the blob in a heap array, its
 * header parsed once at restore, so that expanding a range on every forward pass costs no parsing,
 * no allocation and no task hand-off (the per-layer fixed costs that made ResNet-50's 54 small
 * layers cost 3.6 ns per weight). Decoded values equal {@link LinearDecoding}'s bit for bit:
 * {@code (float) (code - zeroPoint[c]) * scale[c]}. Immutable; {@link #decode} is thread-safe when
 * each thread passes its own code buffer.
 */
final class PackedCodes {

    /** Codes unpacked per step for widths other than 8 bits: the size of the buffer {@link #decode} wants. */
    static final int UNPACK_CHUNK = 4096;

    private final byte[] blob;
    private final int codesAt;
    private final int bits;
    private final LinearKernels.Params params;
    private final int length;

    private PackedCodes(byte[] blob, int codesAt, int bits, LinearKernels.Params params, int length) {
        this.blob = blob;
        this.codesAt = codesAt;
        this.bits = bits;
        this.params = params;
        this.length = length;
    }

    /**
     * Parses a {@code linear-int} blob.
     *
     * @param blob the whole blob, owned by the result from now on
     * @param layout the tensor's layout
     * @return the tensor
     * @throws CorruptTensorException if the blob is malformed
     */
    static PackedCodes of(byte[] blob, TensorLayout layout) throws CorruptTensorException {
        LinearIntEncoding.Header h = LinearIntEncoding.Header.read(ByteBuffer.wrap(blob), layout);
        return new PackedCodes(blob, h.headerBytes(), h.bits(), h.params(), layout.length());
    }

    int bits() {
        return bits;
    }

    int length() {
        return length;
    }

    ChannelSplit split() {
        return params.split();
    }

    float scale(int channel) {
        return params.scale()[channel];
    }

    int zeroPoint(int channel) {
        return params.zeroPoint()[channel];
    }

    /** The blob: header, then codes from {@link #codesAt()}. */
    byte[] blob() {
        return blob;
    }

    /** Index in {@link #blob()} of the first code byte. */
    int codesAt() {
        return codesAt;
    }

    /** The decoded value of element {@code i} (as {@link #decode} gives it). */
    float value(int i) {
        ChannelSplit split = params.split();
        int c = i / split.inner() % split.channels();
        int code;
        if (bits == 8) {
            code = blob[codesAt + i] & 0xFF;
        } else {
            long bit = (long) i * bits;
            int at = codesAt + (int) (bit >>> 3);
            int word = blob[at] & 0xFF;
            for (int k = 1; k < 4 && at + k < blob.length; k++) {
                word |= (blob[at + k] & 0xFF) << (8 * k);
            }
            code = (word >>> (int) (bit & 7)) & ((1 << bits) - 1);
        }
        return (float) (code - params.zeroPoint()[c]) * params.scale()[c];
    }

    /**
     * Unpacks the codes of elements {@code [from, to)} to {@code codes[0..)}; {@code from} must be
     * a multiple of 8 and {@code to - from} at most the buffer's length.
     */
    void unpack(int from, int to, int[] codes) {
        BitPacking.unpack(blob, codesAt + (int) BitPacking.byteOffset(from, bits), to - from, bits, codes, 0);
    }

    /**
     * Decodes elements {@code [from, to)} to {@code dest[destOffset..)} in the calling thread.
     *
     * @param from first element
     * @param to one past the last element
     * @param dest destination
     * @param destOffset where element {@code from} goes
     * @param codes a buffer of {@link #UNPACK_CHUNK} ints (unused for 8-bit codes)
     */
    void decode(int from, int to, float[] dest, int destOffset, int[] codes) {
        ChannelSplit split = params.split();
        int inner = split.inner();
        int channels = split.channels();
        if (bits == 8) {
            for (int pos = from, r = from / inner; pos < to; r++) {
                int end = Math.min((r + 1) * inner, to);
                int c = r % channels;
                dequantizeBytes(codesAt, pos, end, params.scale()[c], params.zeroPoint()[c], dest, destOffset - from);
                pos = end;
            }
            return;
        }
        int aligned = from & ~7;
        for (int e0 = aligned; e0 < to; e0 += UNPACK_CHUNK) {
            int e1 = Math.min(to, e0 + UNPACK_CHUNK);
            unpack(e0, e1, codes);
            for (int pos = Math.max(e0, from), r = pos / inner; pos < e1; r++) {
                int end = Math.min((r + 1) * inner, e1);
                int c = r % channels;
                float s = params.scale()[c];
                int z = params.zeroPoint()[c];
                for (int i = pos; i < end; i++) {
                    dest[destOffset - from + i] = (float) (codes[i - e0] - z) * s;
                }
                pos = end;
            }
        }
    }

    private void dequantizeBytes(int shiftIn, int from, int to, float s, int z, float[] dest, int shift) {
        if (SimdSupport.ENABLED) {
            VectorKernels.dequantizeBytes(blob, shiftIn, from, to, s, z, dest, shift);
        } else {
            LinearDecoding.dequantizeBytesScalar(blob, shiftIn, from, to, s, z, dest, shift);
        }
    }
}
