package dev.compressor.quant.internal;

/**
 * One pass over a contiguous run of one channel that writes everything quantization needs: the
 * dequantized values, the 8-bit codes, and the sums a quantizer and a report need (squared error
 * with the channel's own parameters and with alternative ones, signal energy, largest absolute
 * error, non-zeros). Values and codes are those of {@link LinearKernels} bit for bit, for runs where
 * no value is clamped (the caller checks the run's extremes with {@link #unclamped}).
 *
 * <p>Sums are accumulated in float lanes flushed to double every {@value #FLUSH} terms, so each sum is
 * within a relative {@link #SUM_ERROR} of the exact sum of its (non-negative) terms; a caller that
 * compares sums decides exactly only when they differ by more than that. Plain loops over chunks
 * copied into local arrays (so that C2, on JDK 17 too, vectorizes them) or, when {@link
 * SimdSupport#ENABLED}, {@link VectorKernels#quantizePass}. Stateless and thread-safe.
 */
public final class QuantizePass {

    /** Index of the squared error with the run's own parameters. */
    public static final int NOISE = 0;
    /** Index of the squared error with the alternative parameters. */
    public static final int OTHER_NOISE = 1;
    /** Index of the sum of squared values. */
    public static final int SIGNAL = 2;
    /** Index of the largest absolute error. */
    public static final int MAX_ERROR = 3;
    /** Index of the count of non-zero values. */
    public static final int NON_ZEROS = 4;
    /** Float terms per lane before a flush to double. */
    static final int FLUSH = 16;
    /**
     * A bound on the relative error of each sum against the exact sum of its terms (the float
     * products and at most {@value #FLUSH} float additions per lane give about 1e-6), with margin.
     */
    public static final double SUM_ERROR = 1e-5;
    private static final int CHUNK = 512;
    private static final float ROUND = LinearKernels.ROUND;
    /** Little-endian longs in a byte array. */
    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private QuantizePass() {
    }

    /**
     * Whether quantizing values in {@code [min, max]} with these parameters clamps none of them
     * (quantization is monotonic, so the extremes decide).
     *
     * @param min smallest value
     * @param max largest value
     * @param iv inverse scale, {@code 1f / scale}
     * @param z zero point
     * @param maxCode largest code
     * @return true if every code lies in {@code [0, maxCode]} unclamped
     */
    public static boolean unclamped(float min, float max, float iv, int z, int maxCode) {
        float lo = (min * iv + ROUND) - ROUND;
        float hi = (max * iv + ROUND) - ROUND;
        return lo >= -z && hi <= maxCode - z && Math.abs(min * iv) < 0x1p21f && Math.abs(max * iv) < 0x1p21f;
    }

    /**
     * Quantizes {@code d[from..to)}: values to {@code values[i]}, codes to {@code codes[shift + i]}, and
     * adds the run's sums into {@code sums} (indices {@link #NOISE} to {@link #NON_ZEROS}; the maximum
     * is combined with {@link Math#max}).
     *
     * @param d the values to quantize; none may be clamped by either parameter set
     * @param from first index
     * @param to one past the last index
     * @param iv inverse scale of the run's parameters
     * @param s scale
     * @param z zero point
     * @param ivOther inverse scale of the alternative parameters (only their error is computed)
     * @param sOther their scale
     * @param values destination of the dequantized values
     * @param codes destination of the codes
     * @param shift offset from value index to code index
     * @param sums the five sums, added to
     */
    public static void run(float[] d, int from, int to, float iv, float s, int z, float ivOther, float sOther,
            float[] values, byte[] codes, int shift, double[] sums) {
        if (SimdSupport.ENABLED) {
            VectorKernels.quantizePass(d, from, to, iv, s, z, ivOther, sOther, values, codes, shift, sums);
            return;
        }
        float[] xs = new float[CHUNK];
        float[] ys = new float[CHUNK];
        float[] cb = new float[CHUNK];
        float[] noise = new float[CHUNK];
        float[] other = new float[CHUNK];
        float[] signal = new float[CHUNK];
        float[] maxErr = new float[CHUNK];
        float[] nonZero = new float[CHUNK];
        float zr = ROUND + z;
        byte[] bytes = new byte[4 * CHUNK];
        java.nio.FloatBuffer view = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        int chunks = 0;
        for (int p = from; p < to; p += CHUNK) {
            int len = Math.min(CHUNK, to - p);
            System.arraycopy(d, p, xs, 0, len);
            // four short loops rather than one: C2 vectorizes each of them, but not their fusion
            for (int j = 0; j < len; j++) {
                float q = (xs[j] * iv + ROUND) - ROUND;
                ys[j] = q * s;
                cb[j] = q + zr;
                // q is a whole number and |q| * s does not underflow: the value is zero exactly when q is
                nonZero[j] += Math.min(Math.abs(q), 1f);
            }
            for (int j = 0; j < len; j++) {
                float e = xs[j] - ys[j];
                noise[j] += e * e;
                maxErr[j] = Math.max(maxErr[j], Math.abs(e));
            }
            for (int j = 0; j < len; j++) {
                float x = xs[j];
                float f = x - ((x * ivOther + ROUND) - ROUND) * sOther;
                other[j] += f * f;
                signal[j] += x * x;
            }
            System.arraycopy(ys, 0, values, p, len);
            codes(cb, len, bytes, view, codes, shift + p);
            if (++chunks == FLUSH || p + CHUNK >= to) {
                flush(noise, sums, NOISE);
                flush(other, sums, OTHER_NOISE);
                flush(signal, sums, SIGNAL);
                flush(nonZero, sums, NON_ZEROS);
                chunks = 0;
            }
        }
        float m = 0;
        for (float e : maxErr) {
            m = Math.max(m, e);
        }
        sums[MAX_ERROR] = Math.max(sums[MAX_ERROR], m);
    }

    /**
     * Writes the low byte of each float's bits ({@code cb[j] = 1.5 * 2^23 + code}: the code) to
     * {@code codes[at + j]}: the floats are copied in bulk into little-endian bytes, then eight codes
     * at a time are picked out of four longs and stored as one long (C2 17 vectorizes neither the
     * float-to-int move nor the narrowing store of a per-element loop).
     */
    private static void codes(float[] cb, int len, byte[] bytes, java.nio.FloatBuffer view, byte[] codes, int at) {
        view.put(0, cb, 0, len);
        int whole = len & ~7;
        for (int j = 0; j < whole; j += 8) {
            long l0 = (long) LONGS.get(bytes, 4 * j);
            long l1 = (long) LONGS.get(bytes, 4 * j + 8);
            long l2 = (long) LONGS.get(bytes, 4 * j + 16);
            long l3 = (long) LONGS.get(bytes, 4 * j + 24);
            long c = (l0 & 0xFFL) | ((l0 >>> 24) & 0xFF00L) | ((l1 & 0xFFL) << 16) | ((l1 >>> 8) & 0xFF000000L)
                    | ((l2 & 0xFFL) << 32) | ((l2 & 0xFF00000000L) << 8) | ((l3 & 0xFFL) << 48)
                    | ((l3 & 0xFF00000000L) << 24);
            LONGS.set(codes, at + j, c);
        }
        for (int j = whole; j < len; j++) {
            codes[at + j] = (byte) Float.floatToRawIntBits(cb[j]);
        }
    }

    private static void flush(float[] lanes, double[] sums, int index) {
        double a = 0;
        double b = 0;
        for (int j = 0; j < lanes.length; j += 2) {
            a += lanes[j];
            b += lanes[j + 1];
            lanes[j] = 0;
            lanes[j + 1] = 0;
        }
        sums[index] += a + b;
    }
}
