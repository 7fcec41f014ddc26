package dev.compressor.quant.internal;

import dev.compressor.quant.ChannelSplit;
import java.nio.ByteBuffer;

/**
 * The decoding loops of linear quantization: packed codes to floats,
 * {@code (float) (code - zp[c]) * scale[c]}, the same expression {@link LinearKernels} uses, so
 * decoded values equal the quantized ones bit for bit. 8-bit codes are read straight from the
 * bytes; other widths are unpacked per chunk first. Large ranges run on the common fork-join pool.
 * Stateless and thread-safe.
 */
final class LinearDecoding {

    private static final int CHUNK = LinearKernels.CHUNK;

    private LinearDecoding() {
    }

    /**
     * Decodes elements {@code [from, to)} of a packed tensor.
     *
     * @param packed the packed codes; index 0 is the first byte of element 0 (absolute reads only)
     * @param p parameters ({@code maxCode} unused)
     * @param bits bits per code
     * @param from first element
     * @param to one past the last element
     * @param dest destination; element {@code i} goes to {@code dest[destOffset + i - from]}
     * @param destOffset where element {@code from} goes
     */
    static void decode(ByteBuffer packed, LinearKernels.Params p, int bits, int from, int to, float[] dest, int destOffset) {
        int aligned = from & ~7;
        int chunks = (to - aligned + CHUNK - 1) / CHUNK;
        byte[] array = packed.hasArray() ? packed.array() : null;
        int arrayBase = array == null ? 0 : packed.arrayOffset();
        Parallel.forSlices(chunks, Parallel.sliceCount(chunks, CHUNK), (k, cf, ct) -> {
            ByteBuffer src = packed.duplicate();
            int[] codes = bits == 8 ? null : new int[CHUNK];
            byte[] bytes = array == null ? new byte[CHUNK * 2] : null;
            for (int ch = cf; ch < ct; ch++) {
                int e0 = aligned + ch * CHUNK;
                int e1 = Math.min(to, e0 + CHUNK);
                int count = e1 - e0;
                int at = (int) BitPacking.byteOffset(e0, bits);
                byte[] in = array;
                int inOffset = arrayBase + at;
                if (array == null) {
                    src.get(at, bytes, 0, (int) BitPacking.packedBytes(count, bits));
                    in = bytes;
                    inOffset = 0;
                }
                int s0 = Math.max(e0, from);
                if (bits == 8) {
                    dequantizeBytes(p, in, inOffset - e0, s0, e1, dest, destOffset - from);
                } else {
                    BitPacking.unpack(in, inOffset, count, bits, codes, 0);
                    dequantizeChunk(p, codes, e0, s0, e1, dest, destOffset - from);
                }
            }
        });
    }

    /** Dequantizes 8-bit codes {@code in[shiftIn + i]} of elements {@code [s0, e1)} to {@code dest[shift + i]}. */
    private static void dequantizeBytes(LinearKernels.Params p, byte[] in, int shiftIn, int s0, int e1, float[] dest, int shift) {
        ChannelSplit split = p.split();
        int inner = split.inner();
        int channels = split.channels();
        int r = s0 / inner;
        int pos = s0;
        while (pos < e1) {
            int end = Math.min((r + 1) * inner, e1);
            int c = r % channels;
            float s = p.scale()[c];
            int z = p.zeroPoint()[c];
            if (SimdSupport.ENABLED) {
                VectorKernels.dequantizeBytes(in, shiftIn, pos, end, s, z, dest, shift);
            } else {
                dequantizeBytesScalar(in, shiftIn, pos, end, s, z, dest, shift);
            }
            pos = end;
            r++;
        }
    }

    /**
     * Plain-loop form of the 8-bit decode:
     * {@code dest[shift + i] = (float) ((in[shiftIn + i] & 0xFF) - z) * s} for {@code i} in {@code [from, to)}.
     */
    static void dequantizeBytesScalar(byte[] in, int shiftIn, int from, int to, float s, int z, float[] dest,
            int shift) {
        for (int i = from; i < to; i++) {
            dest[shift + i] = (float) ((in[shiftIn + i] & 0xFF) - z) * s;
        }
    }

    private static void dequantizeChunk(LinearKernels.Params p, int[] codes, int e0, int s0, int e1, float[] dest, int shift) {
        ChannelSplit split = p.split();
        int inner = split.inner();
        int channels = split.channels();
        int r = s0 / inner;
        int pos = s0;
        while (pos < e1) {
            int end = Math.min((r + 1) * inner, e1);
            int c = r % channels;
            float s = p.scale()[c];
            int z = p.zeroPoint()[c];
            for (int i = pos; i < end; i++) {
                dest[shift + i] = (float) (codes[i - e0] - z) * s;
            }
            pos = end;
            r++;
        }
    }
}
