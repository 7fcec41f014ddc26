package dev.compressor.quant.internal;

import dev.compressor.quant.ChannelSplit;

/**
 * The product {@code y = x W} of a small batch with a dense weight {@code W [nIn, nOut]} ('f'
 * order: output column {@code j} is the contiguous run of elements {@code [j nIn, (j + 1) nIn)})
 * computed straight from its {@code linear-int} codes, never writing the expanded weights: at batch
 * 1 a dense layer is bound by memory bandwidth, and 8-bit codes are a quarter of fp32's bytes.
 * Per column {@code j} of channel {@code c}: {@code y[b, j] = scale[c] * sum_i x[b, i] (code[i, j] -
 * zeroPoint[c])}, the integer difference exact in float, the scale applied once per column. Against
 * the fp32 product of the dequantized weights {@code (code - zp) * scale}, only float rounding
 * differs: the sums are accumulated in another order and the scale is applied after the sum instead
 * of to each term. 8-bit codes, and 4-bit codes of an even number of rows, are read in place; other
 * widths are unpacked one column at a time into an int buffer. Inner loops run as {@link VectorProducts} (Vector API) when {@link SimdSupport}
 * enables it, else as plain loops with four or eight accumulators. One thread. Stateless.
 */
final class FusedProduct {

    /**
     * Most rows (batch, or batch times time steps for an RNN output layer) computed this way; beyond
     * it, expanded tiles and ND4J's matrix product. The fused product costs per weight and row what the
     * tiles cost per weight and row plus an expansion per weight: with the Vector API it stays ahead
     * up to a few dozen rows, with plain loops (about 0.5 ns per weight and row on this machine) only
     * for one or two. An ESTIMATE from those per-weight costs, not a measured crossover.
     */
    static final int MAX_BATCH = SimdSupport.ENABLED ? 32 : 2;

    private FusedProduct() {
    }

    /**
     * Whether a weight's codes have a layout this product reads: per tensor, or one channel per output column.
     *
     * @param w the codes
     * @param nIn rows of {@code W}
     * @param nOut columns of {@code W}
     * @return true if {@link #multiply} applies
     */
    static boolean supports(PackedCodes w, long nIn, long nOut) {
        ChannelSplit s = w.split();
        return w.length() == nIn * nOut && s.outer() == 1
                && (s.channels() == 1 || s.channels() == nOut && s.inner() == nIn);
    }

    /**
     * Computes {@code y[b * nOut + j] = sum_i x[b * nIn + i] W[i, j]} for {@code b < batch}.
     *
     * @param w the weight's codes ({@link #supports} must hold)
     * @param nIn rows of {@code W}
     * @param nOut columns of {@code W}
     * @param x the inputs, row-major {@code [batch, nIn]}
     * @param batch rows of {@code x}
     * @param y the outputs, row-major {@code [batch, nOut]}
     * @param codes a buffer of at least {@code nIn + 8} ints (unused for 8-bit codes)
     */
    static void multiply(PackedCodes w, int nIn, int nOut, float[] x, int batch, float[] y, int[] codes) {
        if (w.bits() == 4 && nIn % 2 == 0) {
            multiplyNibbles(w, nIn, nOut, x, batch, y);
            return;
        }
        boolean perColumn = w.split().channels() > 1;
        byte[] blob = w.blob();
        float[] four = new float[4];
        for (int j = 0; j < nOut; j++) {
            int c = perColumn ? j : 0;
            float s = w.scale(c);
            int z = w.zeroPoint(c);
            int first = j * nIn;
            if (w.bits() == 8) {
                int at = w.codesAt() + first;
                int b = 0;
                if (SimdSupport.ENABLED) {
                    // four rows share each widened block of codes (an RNN output layer's time steps)
                    for (; b + 4 <= batch; b += 4) {
                        VectorProducts.dotBytes4(blob, at, nIn, z, x, b * nIn, nIn, four);
                        for (int k = 0; k < 4; k++) {
                            y[(b + k) * nOut + j] = s * four[k];
                        }
                    }
                }
                for (; b < batch; b++) {
                    y[b * nOut + j] = s * dotBytes(blob, at, nIn, z, x, b * nIn);
                }
            } else {
                int aligned = first & ~7;
                w.unpack(aligned, first + nIn, codes);
                for (int b = 0; b < batch; b++) {
                    y[b * nOut + j] = s * dotInts(codes, first - aligned, nIn, z, x, b * nIn);
                }
            }
        }
    }

    /**
     * 4-bit codes with an even {@code nIn}: every column starts on a byte, whose low nibble holds an
     * even row and high nibble the next odd row; the input is split into its even and odd elements
     * once, so each byte meets both halves without unpacking.
     */
    private static void multiplyNibbles(PackedCodes w, int nIn, int nOut, float[] x, int batch, float[] y) {
        int half = nIn / 2;
        float[] even = new float[batch * half];
        float[] odd = new float[batch * half];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < half; i++) {
                even[b * half + i] = x[b * nIn + 2 * i];
                odd[b * half + i] = x[b * nIn + 2 * i + 1];
            }
        }
        boolean perColumn = w.split().channels() > 1;
        byte[] blob = w.blob();
        for (int j = 0; j < nOut; j++) {
            int c = perColumn ? j : 0;
            float s = w.scale(c);
            int z = w.zeroPoint(c);
            int at = w.codesAt() + j * half;
            for (int b = 0; b < batch; b++) {
                y[b * nOut + j] = s * (SimdSupport.ENABLED ? VectorProducts.dotNibbles(blob, at, half, z, even, odd, b * half)
                        : dotNibblesScalar(blob, at, half, z, even, odd, b * half));
            }
        }
    }

    /**
     * {@code sum_i even[xAt + i] ((q[at + i] & 0xF) - z) + odd[xAt + i] ((q[at + i] >>> 4 & 0xF) - z)}
     * for {@code i < n} bytes, plain loop.
     */
    static float dotNibblesScalar(byte[] q, int at, int n, int z, float[] even, float[] odd, int xAt) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        int i = 0;
        for (; i + 2 <= n; i += 2) {
            int b0 = q[at + i];
            int b1 = q[at + i + 1];
            a0 += even[xAt + i] * ((b0 & 0xF) - z);
            a1 += odd[xAt + i] * ((b0 >>> 4 & 0xF) - z);
            a2 += even[xAt + i + 1] * ((b1 & 0xF) - z);
            a3 += odd[xAt + i + 1] * ((b1 >>> 4 & 0xF) - z);
        }
        for (; i < n; i++) {
            int b0 = q[at + i];
            a0 += even[xAt + i] * ((b0 & 0xF) - z);
            a1 += odd[xAt + i] * ((b0 >>> 4 & 0xF) - z);
        }
        return (a0 + a1) + (a2 + a3);
    }

    private static float dotBytes(byte[] q, int at, int n, int z, float[] x, int xAt) {
        return SimdSupport.ENABLED ? VectorProducts.dotBytes(q, at, n, z, x, xAt) : dotBytesScalar(q, at, n, z, x, xAt);
    }

    private static float dotInts(int[] q, int at, int n, int z, float[] x, int xAt) {
        return SimdSupport.ENABLED ? VectorProducts.dotInts(q, at, n, z, x, xAt) : dotIntsScalar(q, at, n, z, x, xAt);
    }

    /**
     * {@code sum_i x[xAt + i] ((q[at + i] & 0xFF) - z)} for {@code i < n}, plain loop with eight
     * accumulators (measured on JDK 17 without the Vector API: 2.1 G elements/s against 1.6 with four).
     */
    static float dotBytesScalar(byte[] q, int at, int n, int z, float[] x, int xAt) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        float a4 = 0;
        float a5 = 0;
        float a6 = 0;
        float a7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int p = at + i;
            int r = xAt + i;
            a0 += x[r] * ((q[p] & 0xFF) - z);
            a1 += x[r + 1] * ((q[p + 1] & 0xFF) - z);
            a2 += x[r + 2] * ((q[p + 2] & 0xFF) - z);
            a3 += x[r + 3] * ((q[p + 3] & 0xFF) - z);
            a4 += x[r + 4] * ((q[p + 4] & 0xFF) - z);
            a5 += x[r + 5] * ((q[p + 5] & 0xFF) - z);
            a6 += x[r + 6] * ((q[p + 6] & 0xFF) - z);
            a7 += x[r + 7] * ((q[p + 7] & 0xFF) - z);
        }
        for (; i < n; i++) {
            a0 += x[xAt + i] * ((q[at + i] & 0xFF) - z);
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    /** {@code sum_i x[xAt + i] (q[at + i] - z)} for {@code i < n}, plain loop. */
    static float dotIntsScalar(int[] q, int at, int n, int z, float[] x, int xAt) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            a0 += x[xAt + i] * (q[at + i] - z);
            a1 += x[xAt + i + 1] * (q[at + i + 1] - z);
            a2 += x[xAt + i + 2] * (q[at + i + 2] - z);
            a3 += x[xAt + i + 3] * (q[at + i + 3] - z);
        }
        for (; i < n; i++) {
            a0 += x[xAt + i] * (q[at + i] - z);
        }
        return (a0 + a1) + (a2 + a3);
    }
}
