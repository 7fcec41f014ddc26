package dev.compressor.quant.internal;

import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.quant.ChannelSplit;
import dev.compressor.quant.LinearGrid;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Raw fp32 to {@code linear-int} blob in one call: observe the min-max range per channel, decide
 * scale and zero point with a {@link LinearGrid}, quantize and pack. When each channel is one
 * contiguous run and codes are bytes (8 bits), the three steps are fused per channel, so the
 * channel's values are read from memory once and quantized from cache. Stateless and thread-safe.
 */
public final class LinearIntCodec {

    private LinearIntCodec() {
    }

    /**
     * The size of the blob {@link #encodeMinMax} writes.
     *
     * @param split how the values divide into channels
     * @param bits bits per code
     * @return bytes
     */
    public static long encodedSize(ChannelSplit split, int bits) {
        return LinearIntEncoding.FIXED_HEADER + 8L * split.channels() + BitPacking.packedBytes(split.length(), bits);
    }

    /**
     * Encodes raw values with min-max ranges into a new array.
     *
     * @param tensor the values, all finite
     * @param split how the values divide into channels
     * @param grid bits and scheme
     * @return the blob
     * @throws IllegalArgumentException naming the first NaN or infinite value
     */
    public static byte[] encodeMinMax(FloatTensor tensor, ChannelSplit split, LinearGrid grid) {
        long size = encodedSize(split, grid.bits());
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor of " + split.length() + " elements is too large to encode");
        }
        byte[] out = new byte[(int) size];
        encodeMinMax(tensor, split, grid, out);
        return out;
    }

    /**
     * Encodes raw values with min-max ranges into a caller's array (reused across calls, it spares
     * the allocation and first touch of a new blob).
     *
     * @param tensor the values, all finite
     * @param split how the values divide into channels
     * @param grid bits and scheme
     * @param out destination of at least {@link #encodedSize} bytes; the blob starts at index 0
     * @throws IllegalArgumentException naming the first NaN or infinite value, or if {@code out} is too small
     */
    public static void encodeMinMax(FloatTensor tensor, ChannelSplit split, LinearGrid grid, byte[] out) {
        float[] d = tensor.data();
        if (split.length() != d.length) {
            throw new IllegalArgumentException("split " + split + " does not fit " + d.length + " values");
        }
        checkOut(split, grid, out);
        int channels = split.channels();
        float[] scale = new float[channels];
        int[] zp = new int[channels];
        if (split.outer() > 1 || grid.bits() != 8) {
            float[][] mm = RangeKernels.minMax(d, split);
            for (int c = 0; c < channels; c++) {
                LinearGrid.Affine a = grid.params(mm[0][c], mm[1][c]);
                scale[c] = a.scale();
                zp[c] = a.zeroPoint();
            }
            int header = LinearIntEncoding.FIXED_HEADER + 8 * channels;
            LinearIntEncoding.Header.write(ByteBuffer.wrap(out), grid.bits(), split, scale, zp);
            LinearKernels.pack(d, new LinearKernels.Params(split, scale, zp, grid.maxCode()), grid.bits(), out, header,
                    false);
            return;
        }
        int header = LinearIntEncoding.FIXED_HEADER + 8 * channels;
        int inner = split.inner();
        boolean[] bad = new boolean[1];
        Parallel.forSlices(channels, Parallel.sliceCount(channels, inner), (k, from, to) -> {
            for (int c = from; c < to; c++) {
                int start = c * inner;
                float[] mm = RangeKernels.minMaxRun(d, start, start + inner);
                if (!Float.isFinite(mm[0]) || !Float.isFinite(mm[1])) {
                    bad[0] = true;
                    return;
                }
                LinearGrid.Affine a = grid.params(mm[0], mm[1]);
                scale[c] = a.scale();
                zp[c] = a.zeroPoint();
                LinearKernels.quantizeFiniteRunToBytes(d, start, start + inner, 1f / a.scale(), a.zeroPoint(),
                        grid.maxCode(), out, header);
            }
        });
        if (bad[0]) {
            throw RangeKernels.nonFinite(d);
        }
        LinearIntEncoding.Header.write(ByteBuffer.wrap(out), 8, split, scale, zp);
    }

    /**
     * Encodes raw values read straight from a float buffer (for example the NIO view of an ND4J
     * array's memory, {@code array.data().asNio().order(nativeOrder()).asFloatBuffer()}), one channel
     * run at a time through a small Java buffer, so the source is read once and never copied whole.
     *
     * @param source the values from its position on, {@code split.length()} of them, in layout order
     * @param split how the values divide into channels
     * @param grid bits and scheme
     * @param out destination of at least {@link #encodedSize} bytes
     * @throws IllegalArgumentException if a value is NaN or infinite, or the buffers are too small
     */
    public static void encodeMinMax(FloatBuffer source, ChannelSplit split, LinearGrid grid, byte[] out) {
        if (source.remaining() < split.length()) {
            throw new IllegalArgumentException("source holds " + source.remaining() + " values, split " + split
                    + " needs " + split.length());
        }
        checkOut(split, grid, out);
        if (split.outer() > 1 || grid.bits() != 8 || split.inner() > 1 << 24) {
            float[] all = new float[split.length()];
            source.duplicate().get(all);
            encodeMinMax(new FloatTensor(dev.compressor.api.tensor.TensorLayout.vector(all.length), all), split, grid,
                    out);
            return;
        }
        int channels = split.channels();
        int inner = split.inner();
        int header = LinearIntEncoding.FIXED_HEADER + 8 * channels;
        float[] scale = new float[channels];
        int[] zp = new int[channels];
        int base = source.position();
        String[] bad = new String[1];
        Parallel.forSlices(channels, Parallel.sliceCount(channels, inner), (k, from, to) -> {
            FloatBuffer src = source.duplicate();
            float[] run = new float[inner];
            for (int c = from; c < to; c++) {
                src.get(base + c * inner, run, 0, inner);
                float[] mm = RangeKernels.minMaxRun(run, 0, inner);
                if (!Float.isFinite(mm[0]) || !Float.isFinite(mm[1])) {
                    bad[0] = RangeKernels.nonFinite(run).getMessage() + " of channel " + c;
                    return;
                }
                LinearGrid.Affine a = grid.params(mm[0], mm[1]);
                scale[c] = a.scale();
                zp[c] = a.zeroPoint();
                LinearKernels.quantizeFiniteRunToBytes(run, 0, inner, 1f / a.scale(), a.zeroPoint(), grid.maxCode(),
                        out, header + c * inner);
            }
        });
        if (bad[0] != null) {
            throw new IllegalArgumentException(bad[0]);
        }
        LinearIntEncoding.Header.write(ByteBuffer.wrap(out), 8, split, scale, zp);
    }

    private static void checkOut(ChannelSplit split, LinearGrid grid, byte[] out) {
        if (out.length < encodedSize(split, grid.bits())) {
            throw new IllegalArgumentException("output of " + out.length + " bytes is smaller than the blob's "
                    + encodedSize(split, grid.bits()));
        }
    }
}
