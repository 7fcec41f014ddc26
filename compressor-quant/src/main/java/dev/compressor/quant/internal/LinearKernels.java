package dev.compressor.quant.internal;

import dev.compressor.quant.ChannelSplit;

/**
 * The loops of linear quantization over a flat float run split into channels: quantize to codes,
 * dequantize, pack, unpack. Code of {@code x} in channel {@code c}:
 * {@code zp[c] + clamp(rint(x * (1f / scale[c])), -zp[c], maxCode - zp[c])}, rounding half to even
 * exactly in float arithmetic (adding and subtracting {@code 1.5 * 2^23}); value of a code:
 * {@code (float) (code - zp[c]) * scale[c]}. Every method uses exactly these expressions, so a value
 * produced by {@link #fakeQuantize} is decoded bit for bit. Work is split over the common fork-join
 * pool for large runs. Stateless and thread-safe.
 */
public final class LinearKernels {

    /** Elements per packing chunk (a multiple of 8, so every chunk starts on a byte boundary). */
    static final int CHUNK = 8192;
    /** Adding and subtracting this rounds a float of magnitude below 2^22 to the nearest integer, ties to even. */
    static final float ROUND = 12582912f;
    /**
     * Whether the running JVM's C2 vectorizes float-to-int casts with narrowing (JDK 20 and later
     * do; JDK 17 does not). Picks between two loop forms that give identical codes: a float clamp
     * (vectorized on new JVMs) or an integer clamp with branches (faster scalar code on old ones).
     */
    static final boolean VECTOR_CASTS = Runtime.version().feature() >= 20;

    private LinearKernels() {
    }

    /** The per-channel parameters of one tensor. */
    record Params(ChannelSplit split, float[] scale, int[] zeroPoint, int maxCode) {
        float[] inverse() {
            float[] inv = new float[scale.length];
            for (int c = 0; c < inv.length; c++) {
                inv[c] = 1f / scale[c];
            }
            return inv;
        }
    }

    /**
     * Quantizes and dequantizes every value: the values a tensor holds after quantization.
     *
     * @param d values
     * @param split channels
     * @param scale per-channel scales
     * @param zeroPoint per-channel zero points
     * @param maxCode largest code
     * @return the dequantized values, a new array
     */
    public static float[] fakeQuantize(float[] d, ChannelSplit split, float[] scale, int[] zeroPoint, int maxCode) {
        float[] out = new float[d.length];
        Params p = new Params(split, scale, zeroPoint, maxCode);
        float[] inv = p.inverse();
        int inner = split.inner();
        int channels = split.channels();
        Parallel.forSlices(split.runs(), Parallel.sliceCount(split.runs(), inner), (k, from, to) -> {
            for (int r = from; r < to; r++) {
                int c = r % channels;
                float iv = inv[c];
                float s = scale[c];
                float lo = -zeroPoint[c];
                float hi = maxCode - zeroPoint[c];
                int start = r * inner;
                for (int i = start; i < start + inner; i++) {
                    float q = Math.min(Math.max((d[i] * iv + ROUND) - ROUND, lo), hi);
                    out[i] = q * s;
                }
            }
        });
        return out;
    }

    /**
     * Sum of squared quantization errors per channel.
     *
     * @param d values
     * @param split channels
     * @param scale per-channel scales
     * @param zeroPoint per-channel zero points
     * @param maxCode largest code
     * @return one sum per channel
     */
    public static double[] channelNoise(float[] d, ChannelSplit split, float[] scale, int[] zeroPoint,
            int maxCode) {
        int channels = split.channels();
        int inner = split.inner();
        float[] inv = new Params(split, scale, zeroPoint, maxCode).inverse();
        int slices = Parallel.sliceCount(split.runs(), inner);
        double[][] part = new double[slices][];
        Parallel.forSlices(split.runs(), slices, (k, from, to) -> {
            double[] noise = new double[channels];
            for (int r = from; r < to; r++) {
                int c = r % channels;
                float iv = inv[c];
                float s = scale[c];
                float lo = -zeroPoint[c];
                float hi = maxCode - zeroPoint[c];
                double sum = 0;
                int start = r * inner;
                for (int i = start; i < start + inner; i++) {
                    float q = Math.min(Math.max((d[i] * iv + ROUND) - ROUND, lo), hi);
                    double e = d[i] - q * s;
                    sum += e * e;
                }
                noise[c] += sum;
            }
            part[k] = noise;
        });
        double[] total = part[0];
        for (int k = 1; k < slices; k++) {
            for (int c = 0; c < channels; c++) {
                total[c] += part[k][c];
            }
        }
        return total;
    }

    /**
     * The squared quantization error of one run, summed in index order in double: exactly the
     * per-run sum of {@link #channelNoise}.
     *
     * @param d values
     * @param from first index
     * @param to one past the last index
     * @param scale the scale
     * @param zeroPoint the zero point
     * @param maxCode largest code
     * @return the sum
     */
    static double runNoise(float[] d, int from, int to, float scale, int zeroPoint, int maxCode) {
        float iv = 1f / scale;
        float lo = -zeroPoint;
        float hi = maxCode - zeroPoint;
        double sum = 0;
        for (int i = from; i < to; i++) {
            float q = Math.min(Math.max((d[i] * iv + ROUND) - ROUND, lo), hi);
            double e = d[i] - q * scale;
            sum += e * e;
        }
        return sum;
    }

    /**
     * Quantizes values and packs their codes.
     *
     * @param d values
     * @param p parameters
     * @param bits bits per code (at least enough for {@code maxCode})
     * @param out destination
     * @param outOffset where the packed codes start
     * @param exact if true, every value must already lie on the grid: the method then checks that
     *     each code decodes to the value bit for bit
     * @throws IllegalArgumentException if {@code exact} and a value is not on the grid
     */
    static void pack(float[] d, Params p, int bits, byte[] out, int outOffset, boolean exact) {
        ChannelSplit split = p.split();
        float[] inv = p.inverse();
        int n = d.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        Parallel.forSlices(chunks, Parallel.sliceCount(chunks, CHUNK), (k, from, to) -> {
            int[] codes = bits == 8 ? null : new int[CHUNK];
            for (int ch = from; ch < to; ch++) {
                int e0 = ch * CHUNK;
                int e1 = Math.min(n, e0 + CHUNK);
                int at = outOffset + (int) BitPacking.byteOffset(e0, bits);
                if (bits == 8) {
                    quantizeChunkToBytes(d, p, inv, e0, e1, out, at);
                } else {
                    quantizeChunk(d, p, inv, e0, e1, codes);
                    BitPacking.pack(codes, 0, e1 - e0, bits, out, at);
                }
                if (exact) {
                    checkOnGrid(d, p, e0, e1, codes, out, at, bits);
                }
            }
        });
    }

    /** Quantizes {@code d[e0..e1)} to int codes in {@code codes[0..)}. */
    private static void quantizeChunk(float[] d, Params p, float[] inv, int e0, int e1, int[] codes) {
        ChannelSplit split = p.split();
        int inner = split.inner();
        int channels = split.channels();
        int r = e0 / inner;
        int pos = e0;
        while (pos < e1) {
            int end = Math.min((r + 1) * inner, e1);
            int c = r % channels;
            float iv = inv[c];
            int z = p.zeroPoint()[c];
            if (VECTOR_CASTS) {
                float lo = -z;
                float hi = p.maxCode() - z;
                for (int i = pos; i < end; i++) {
                    float q = Math.min(Math.max((d[i] * iv + ROUND) - ROUND, lo), hi);
                    codes[i - e0] = (int) q + z;
                }
            } else {
                int lo = -z;
                int hi = p.maxCode() - z;
                for (int i = pos; i < end; i++) {
                    int q = (int) ((d[i] * iv + ROUND) - ROUND);
                    q = q < lo ? lo : q;
                    q = q > hi ? hi : q;
                    codes[i - e0] = q + z;
                }
            }
            pos = end;
            r++;
        }
    }

    /** Quantizes {@code d[e0..e1)} to 8-bit codes written straight to {@code out[at..)}. */
    private static void quantizeChunkToBytes(float[] d, Params p, float[] inv, int e0, int e1, byte[] out, int at) {
        ChannelSplit split = p.split();
        int inner = split.inner();
        int channels = split.channels();
        int r = e0 / inner;
        int pos = e0;
        int shift = at - e0;
        while (pos < e1) {
            int end = Math.min((r + 1) * inner, e1);
            int c = r % channels;
            quantizeRunToBytes(d, pos, end, inv[c], p.zeroPoint()[c], p.maxCode(), out, shift);
            pos = end;
            r++;
        }
    }

    /**
     * Quantizes {@code d[from..to)} to 8-bit codes at {@code out[shift + i]}, in the loop form that
     * suits the running JVM: the Vector API when {@link SimdSupport#ENABLED}, otherwise the plain
     * loop that the JVM's compiler handles best ({@link #VECTOR_CASTS}).
     */
    static void quantizeRunToBytes(float[] d, int from, int to, float iv, int z, int maxCode, byte[] out,
            int shift) {
        if (SimdSupport.ENABLED) {
            VectorKernels.quantizeToBytes(d, from, to, iv, z, maxCode, out, shift);
        } else if (VECTOR_CASTS) {
            bytesWithFloatClamp(d, from, to, iv, z, maxCode, out, shift);
        } else {
            bytesWithIntClamp(d, from, to, iv, z, maxCode, out, shift);
        }
    }

    static void bytesWithFloatClamp(float[] d, int from, int to, float iv, int z, int maxCode, byte[] out,
            int shift) {
        float lo = -z;
        float hi = maxCode - z;
        for (int i = from; i < to; i++) {
            float q = Math.min(Math.max((d[i] * iv + ROUND) - ROUND, lo), hi);
            out[shift + i] = (byte) ((int) q + z);
        }
    }

    static void bytesWithIntClamp(float[] d, int from, int to, float iv, int z, int maxCode, byte[] out, int shift) {
        int lo = -z;
        int hi = maxCode - z;
        for (int i = from; i < to; i++) {
            int q = (int) ((d[i] * iv + ROUND) - ROUND);
            q = q < lo ? lo : q;
            q = q > hi ? hi : q;
            out[shift + i] = (byte) (q + z);
        }
    }

    /** Checks that the codes just written for {@code d[e0..e1)} decode to the values bit for bit. */
    private static void checkOnGrid(float[] d, Params p, int e0, int e1, int[] codes, byte[] out, int at, int bits) {
        ChannelSplit split = p.split();
        for (int i = e0; i < e1; i++) {
            int c = split.channelOf(i);
            int code = bits == 8 ? out[at + i - e0] & 0xFF : codes[i - e0];
            float s = p.scale()[c];
            int z = p.zeroPoint()[c];
            float back = (float) (code - z) * s;
            if (Float.floatToRawIntBits(back) != Float.floatToRawIntBits(d[i])) {
                throw new IllegalArgumentException("value " + d[i] + " at index " + i
                        + " is not on this encoder's grid (channel " + c + ", scale " + s + ", zero point " + z
                        + "); quantize the tensor with the compressor that made this encoder");
            }
        }
    }

}
