package dev.compressor.prune;

import java.util.Arrays;

/**
 * Prunes exactly {@code r} more of the smallest-magnitude kept elements across one or more tensors,
 * without sorting: a strided sample brackets the threshold, one pass over the data builds the masks
 * and collects the few elements inside the bracket, and a selection among those settles the exact
 * threshold. If the bracket misses, two histogram passes over the magnitude bits find the exact
 * threshold instead. Ties at the threshold are pruned in flat order (tensor by tensor).
 *
 * <p>Magnitudes are compared as the integer bits of {@code |x|}, which order like the floats for
 * every non-NaN value.
 *
 * <p>Not Guava's {@code Quantiles}: pruning needs the exact r-th smallest magnitude with a
 * deterministic tie rule, over float tensors of up to 10^8 elements spread across arrays, without a
 * {@code double[]} copy of them; an interpolated quantile would prune a count other than {@code r}.
 * Stateless.
 */
final class MagnitudeSelection {

    static final int NAN_MIN = 0x7f800001;
    private static final int SAMPLE = 1 << 16;

    private MagnitudeSelection() {
    }

    /** NaN found in tensor {@code tensor} at {@code index}. */
    static final class NanException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final int tensor;
        final int index;

        NanException(int tensor, int index) {
            super("NaN at flat index " + index + "; pruning needs weights that are numbers");
            this.tensor = tensor;
            this.index = index;
        }
    }

    /**
     * The keep-bits of every tensor after pruning {@code r} more elements.
     *
     * @param data the tensors' values
     * @param prior the tensors' prior keep-bits
     * @param r how many more elements to prune, in [0, kept]
     * @return new keep-bits per tensor
     * @throws NanException if a kept element is NaN
     */
    static long[][] prune(float[][] data, long[][] prior, long r) {
        return prune(data, prior, r, -1);
    }

    /** As {@link #prune(float[][], long[][], long)} with a candidate cap (-1: the default). */
    static long[][] prune(float[][] data, long[][] prior, long r, long cap) {
        long kept = 0;
        for (long[] p : prior) {
            for (long w : p) {
                kept += Long.bitCount(w);
            }
        }
        if (r < 0 || r > kept) {
            throw new IllegalArgumentException("cannot prune " + r + " of " + kept + " kept elements");
        }
        if (r == 0) {
            long[][] same = new long[prior.length][];
            for (int t = 0; t < prior.length; t++) {
                same[t] = prior[t].clone();
                checkNoNan(data[t], prior[t], t);
            }
            return same;
        }
        int[] bracket = sampleBracket(data, prior, kept, r);
        CandidatePass pass = new CandidatePass(data, prior, bracket[0], bracket[1],
                cap >= 0 ? cap : Math.max(1 << 20, kept / 16));
        long need = r - pass.below;
        if (!pass.overflow && need >= 0 && need <= pass.count) {
            pass.pruneSmallest((int) need);
            return pass.keep;
        }
        return exact(data, prior, r);
    }

    /** A key range [lo, hi] that holds the r-th smallest kept magnitude with high probability. */
    private static int[] sampleBracket(float[][] data, long[][] prior, long kept, long r) {
        long total = 0;
        for (float[] d : data) {
            total += d.length;
        }
        long wanted = Math.min(total, Math.max(1, SAMPLE * Math.max(1, total / Math.max(1, kept))));
        double step = (double) total / wanted;
        int[] keys = new int[(int) Math.min(wanted, 1 << 22)];
        int n = 0;
        int t = 0;
        long base = 0;
        for (long s = 0; s < wanted && n < keys.length; s++) {
            long pos = (long) (s * step + step / 2);
            while (pos >= base + data[t].length) {
                base += data[t].length;
                t++;
            }
            int i = (int) (pos - base);
            if ((prior[t][i >>> 6] & (1L << i)) != 0) {
                keys[n++] = Float.floatToRawIntBits(data[t][i]) & 0x7fffffff;
            }
        }
        if (n == 0) {
            return new int[] {0, Integer.MAX_VALUE};
        }
        Arrays.sort(keys, 0, n);
        double q = (double) r / kept;
        double delta = 5 * Math.sqrt(q * (1 - q) / n) + 2.0 / n;
        int loIdx = (int) Math.floor((q - delta) * n);
        int hiIdx = (int) Math.ceil((q + delta) * n);
        int lo = loIdx <= 0 ? 0 : keys[loIdx];
        int hi = hiIdx >= n ? Integer.MAX_VALUE : keys[hiIdx];
        return new int[] {lo, hi};
    }

    /** Exact threshold from two histogram passes, then one mask pass with tie counting. */
    private static long[][] exact(float[][] data, long[][] prior, long r) {
        long[] coarse = new long[1 << 16];
        for (int t = 0; t < data.length; t++) {
            histogram(data[t], prior[t], t, 0, Integer.MAX_VALUE, 15, coarse);
        }
        long below = 0;
        int b = 0;
        while (below + coarse[b] < r && b < coarse.length - 1) {
            below += coarse[b++];
        }
        long[] fine = new long[1 << 15];
        int lo = b << 15;
        for (int t = 0; t < data.length; t++) {
            histogram(data[t], prior[t], t, lo, lo | 0x7fff, 0, fine);
        }
        int f = 0;
        while (below + fine[f] < r && f < fine.length - 1) {
            below += fine[f++];
        }
        int tau = lo | f;
        long ties = r - below;
        long[][] keep = new long[data.length][];
        for (int t = 0; t < data.length; t++) {
            keep[t] = new long[prior[t].length];
            ties = thresholdPass(data[t], prior[t], tau, ties, keep[t]);
        }
        return keep;
    }

    private static void checkNoNan(float[] d, long[] prior, int tensor) {
        for (int i = 0; i < d.length; i++) {
            if ((Float.floatToRawIntBits(d[i]) & 0x7fffffff) >= NAN_MIN && (prior[i >>> 6] & (1L << i)) != 0) {
                throw new NanException(tensor, i);
            }
        }
    }

    private static void histogram(float[] d, long[] prior, int tensor, int lo, int hi, int shift, long[] hist) {
        for (int i = 0; i < d.length; i++) {
            if ((prior[i >>> 6] & (1L << i)) == 0) {
                continue;
            }
            int ab = Float.floatToRawIntBits(d[i]) & 0x7fffffff;
            if (ab >= NAN_MIN) {
                throw new NanException(tensor, i);
            }
            if (ab >= lo && ab <= hi) {
                hist[(ab - lo) >>> shift]++;
            }
        }
    }

    /** Keeps magnitudes above tau and, of those equal to tau, all but the first {@code ties}. */
    private static long thresholdPass(float[] d, long[] prior, int tau, long ties, long[] keep) {
        long left = ties;
        for (int i = 0; i < d.length; i++) {
            if ((prior[i >>> 6] & (1L << i)) == 0) {
                continue;
            }
            int ab = Float.floatToRawIntBits(d[i]) & 0x7fffffff;
            if (ab > tau || (ab == tau && left-- <= 0)) {
                keep[i >>> 6] |= 1L << i;
            }
        }
        return Math.max(0, left);
    }
}
