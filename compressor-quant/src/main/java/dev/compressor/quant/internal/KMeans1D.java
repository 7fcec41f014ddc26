package dev.compressor.quant.internal;

import dev.compressor.quant.ChannelSplit;
import java.util.Arrays;

/**
 * One-dimensional k-means (Lloyd's algorithm) with linear initialisation, as Deep Compression's
 * weight sharing uses it. Lloyd runs on a fine histogram ({@value #BINS} bins, each with its count
 * and exact sum), so an iteration costs O(bins + k) whatever the tensor size; only a bin that
 * straddles a cluster boundary is assigned as a whole. Assignment of the values themselves is
 * exact (nearest centroid). Values that already take at most {@code k} distinct values are returned
 * as they are (see {@link #fit}). Stateless and thread-safe.
 */
public final class KMeans1D {

    static final int BINS = 1 << 16;
    private static final int LUT = 4096;

    private KMeans1D() {
    }

    /**
     * Fits a codebook. When the values take at most {@code k} distinct values, those values are the
     * codebook, bit for bit, without clustering.
     *
     * @param d the values, at least one, all finite
     * @param k the number of clusters, at least 1
     * @param maxIterations most Lloyd iterations
     * @return the centroids, sorted and distinct (at most {@code k})
     * @throws IllegalArgumentException if {@code d} is empty or holds NaN or infinite values
     */
    public static float[] fit(float[] d, int k, int maxIterations) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        float[] few = distinctAtMost(d, k);
        if (few != null) {
            return few;
        }
        float[][] mm = RangeKernels.minMax(d, ChannelSplit.perTensor(d.length));
        double min = mm[0][0];
        double max = mm[1][0];
        if (max == min || k == 1) {
            return new float[] {(float) (k == 1 ? mean(d) : min)};
        }
        long[] count = new long[BINS];
        double[] sum = new double[BINS];
        histogram(d, min, max, count, sum);
        double[] c = new double[k];
        for (int j = 0; j < k; j++) {
            c[j] = min + (max - min) * j / (k - 1);
        }
        double width = (max - min) / BINS;
        long[] cc = new long[k];
        double[] cs = new double[k];
        for (int it = 0; it < maxIterations; it++) {
            Arrays.fill(cc, 0);
            Arrays.fill(cs, 0);
            int j = 0;
            for (int b = 0; b < BINS; b++) {
                if (count[b] == 0) {
                    continue;
                }
                double x = min + (b + 0.5) * width;
                while (j < k - 1 && x > (c[j] + c[j + 1]) / 2) {
                    j++;
                }
                cc[j] += count[b];
                cs[j] += sum[b];
            }
            double moved = 0;
            for (int i = 0; i < k; i++) {
                if (cc[i] > 0) {
                    double nc = cs[i] / cc[i];
                    moved = Math.max(moved, Math.abs(nc - c[i]));
                    c[i] = nc;
                }
            }
            if (moved <= 1e-7 * (max - min)) {
                break;
            }
        }
        return distinctSorted(c);
    }

    /**
     * The values' distinct values (by bit pattern), sorted, if the values are finite and take at most
     * {@code k} distinct values; otherwise null. Such values are their own codebook: a tensor already
     * shared (by weight-sharing training, or quantized before) keeps its values bit for bit instead of
     * being clustered again. One pass with an open-addressing set that stops at the first non-finite
     * value or at the {@code (k+1)}-th distinct value.
     *
     * @param d the values
     * @param k the most distinct values accepted, at least 1
     * @return the sorted distinct values, or null
     */
    public static float[] distinctAtMost(float[] d, int k) {
        int size = Integer.highestOneBit(Math.max(4, 4 * k - 1)) << 1;
        int[] keys = new int[size];
        boolean[] used = new boolean[size];
        float[] found = new float[k];
        int n = 0;
        for (float v : d) {
            if (!Float.isFinite(v)) {
                return null;
            }
            int bits = Float.floatToRawIntBits(v);
            int h = (bits * 0x9E3779B9) >>> 7 & (size - 1);
            while (used[h] && keys[h] != bits) {
                h = (h + 1) & (size - 1);
            }
            if (!used[h]) {
                if (n == k) {
                    return null;
                }
                used[h] = true;
                keys[h] = bits;
                found[n++] = v;
            }
        }
        if (n == 0) {
            return null;
        }
        float[] out = Arrays.copyOf(found, n);
        Arrays.sort(out);
        return out;
    }

    private static double mean(float[] d) {
        double s = 0;
        for (float v : d) {
            s += v;
        }
        return s / d.length;
    }

    private static void histogram(float[] d, double min, double max, long[] count, double[] sum) {
        int n = d.length;
        int slices = Parallel.sliceCount(n, 1);
        long[][] pc = new long[slices][];
        double[][] ps = new double[slices][];
        float lo = (float) min;
        float inv = (float) (BINS / (max - min));
        Parallel.forSlices(n, slices, (s, from, to) -> {
            long[] c = new long[BINS];
            double[] m = new double[BINS];
            for (int i = from; i < to; i++) {
                float x = d[i];
                int b = Math.min(BINS - 1, Math.max(0, (int) ((x - lo) * inv)));
                c[b]++;
                m[b] += x;
            }
            pc[s] = c;
            ps[s] = m;
        });
        for (int s = 0; s < slices; s++) {
            for (int b = 0; b < BINS; b++) {
                count[b] += pc[s][b];
                sum[b] += ps[s][b];
            }
        }
    }

    private static float[] distinctSorted(double[] c) {
        float[] f = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            f[i] = (float) c[i];
        }
        Arrays.sort(f);
        int n = 0;
        for (int i = 0; i < f.length; i++) {
            if (n == 0 || Float.compare(f[i], f[n - 1]) != 0) {
                f[n++] = f[i];
            }
        }
        return Arrays.copyOf(f, n);
    }

    /**
     * Nearest-centroid assignment for a fixed codebook (ties to the lower centroid).
     *
     * @param codebook sorted distinct centroids
     * @return the assigner
     */
    public static Assigner assigner(float[] codebook) {
        return new Assigner(codebook.clone());
    }

    /** Assigns values to the nearest centroid of a fixed codebook. Immutable and thread-safe. */
    public static final class Assigner {
        private final float[] codebook;
        private final float[] bound;
        private final float lo;
        private final float inv;
        private final int[] lut;

        private Assigner(float[] codebook) {
            this.codebook = codebook;
            int k = codebook.length;
            bound = new float[Math.max(0, k - 1)];
            for (int j = 0; j < k - 1; j++) {
                bound[j] = (float) (((double) codebook[j] + codebook[j + 1]) / 2);
            }
            lo = codebook[0];
            double span = (double) codebook[k - 1] - lo;
            inv = span > 0 ? (float) (LUT / span) : 0f;
            lut = new int[LUT + 1];
            for (int b = 0, j = 0; b <= LUT; b++) {
                double x = lo + b * span / LUT;
                while (j < k - 1 && x > bound[j]) {
                    j++;
                }
                lut[b] = Math.max(0, j - 1);
            }
        }

        /**
         * Writes the centroid index of {@code d[from..to)} to {@code out[outOffset..]}.
         *
         * @param d values
         * @param from first value
         * @param to one past the last value
         * @param out indices
         * @param outOffset where the first index goes
         * @param exact if true, each value must equal its centroid bit for bit
         * @throws IllegalArgumentException if {@code exact} and a value is not in the codebook
         */
        public void assign(float[] d, int from, int to, int[] out, int outOffset, boolean exact) {
            int last = codebook.length - 1;
            for (int i = from; i < to; i++) {
                float x = d[i];
                int j = lut[Math.min(LUT, Math.max(0, (int) ((x - lo) * inv)))];
                while (j > 0 && x <= bound[j - 1]) {
                    j--;
                }
                while (j < last && x > bound[j]) {
                    j++;
                }
                if (exact && Float.floatToRawIntBits(codebook[j]) != Float.floatToRawIntBits(x)) {
                    j = exactNeighbour(x, j, i);
                }
                out[outOffset + i - from] = j;
            }
        }

        /** The index of a centroid next to {@code j} equal to {@code x} (a midpoint rounded onto it), or throws. */
        private int exactNeighbour(float x, int j, int i) {
            for (int n = Math.max(0, j - 1); n <= Math.min(codebook.length - 1, j + 1); n++) {
                if (Float.floatToRawIntBits(codebook[n]) == Float.floatToRawIntBits(x)) {
                    return n;
                }
            }
            throw new IllegalArgumentException("value " + x + " at index " + i + " is not in this encoder's codebook of "
                    + codebook.length + " entries");
        }

        /**
         * Replaces every value by its nearest centroid.
         *
         * @param d values
         * @return the centroid of each value, a new array
         */
        public float[] snap(float[] d) {
            return snap(d, 0).values();
        }

        /**
         * Replaces every value by its nearest centroid and, in the same pass, packs the indices.
         *
         * @param d values
         * @param bits bits per packed index (1..16), or 0 for no packing
         * @return the centroids of the values and, unless {@code bits} is 0, their packed indices
         */
        public Snapped snap(float[] d, int bits) {
            return snap(d, bits, false);
        }

        /**
         * Replaces every value by its nearest centroid, or, with {@code exact}, by the centroid equal to
         * it bit for bit (for values known to lie in the codebook: a midpoint rounded onto a centroid
         * cannot send them to its neighbour), and packs the indices in the same pass.
         *
         * @param d values
         * @param bits bits per packed index (1..16), or 0 for no packing
         * @param exact if true, every value must be in the codebook
         * @return the centroids of the values and, unless {@code bits} is 0, their packed indices
         * @throws IllegalArgumentException if {@code exact} and a value is not in the codebook
         */
        public Snapped snap(float[] d, int bits, boolean exact) {
            float[] out = new float[d.length];
            byte[] packed = bits == 0 ? null : new byte[(int) BitPacking.packedBytes(d.length, bits)];
            int chunk = 8192;
            int chunks = (d.length + chunk - 1) / chunk;
            Parallel.forSlices(chunks, Parallel.sliceCount(chunks, chunk), (s, cf, ct) -> {
                int[] idx = new int[chunk];
                for (int ch = cf; ch < ct; ch++) {
                    int e0 = ch * chunk;
                    int e1 = Math.min(d.length, e0 + chunk);
                    assign(d, e0, e1, idx, 0, exact);
                    for (int i = e0; i < e1; i++) {
                        out[i] = codebook[idx[i - e0]];
                    }
                    if (packed != null) {
                        BitPacking.pack(idx, 0, e1 - e0, bits, packed, (int) BitPacking.byteOffset(e0, bits));
                    }
                }
            });
            return new Snapped(out, packed);
        }
    }

    /**
     * Values replaced by their centroids, and optionally the centroid indices bit-packed.
     *
     * @param values the centroid of each value
     * @param packed the packed indices, or null
     */
    public record Snapped(float[] values, byte[] packed) {
    }
}
