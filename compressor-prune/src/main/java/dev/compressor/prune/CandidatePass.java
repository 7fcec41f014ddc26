package dev.compressor.prune;

import java.util.Arrays;

/**
 * One pass over the tensors for a magnitude bracket [lo, hi]: kept elements above {@code hi} stay
 * kept, those below {@code lo} are counted as pruned, and those inside are kept for now and
 * remembered as candidates (in flat order) until {@link #pruneSmallest(int)} settles them.
 * Not thread-safe; used once.
 */
final class CandidatePass {

    final long[][] keep;
    long below;
    int count;
    boolean overflow;

    private final long cap;
    private int[] keys = new int[1024];
    private long[] where = new long[1024];

    CandidatePass(float[][] data, long[][] prior, int lo, int hi, long cap) {
        this.cap = cap;
        this.keep = new long[data.length][];
        for (int t = 0; t < data.length; t++) {
            keep[t] = new long[prior[t].length];
            scan(data[t], prior[t], t, lo, hi, keep[t]);
            if (overflow) {
                return;
            }
        }
    }

    private void scan(float[] d, long[] prior, int tensor, int lo, int hi, long[] out) {
        int span = hi - lo;
        for (int w = 0; w < out.length; w++) {
            long p = prior[w];
            int base = w << 6;
            int end = Math.min(64, d.length - base);
            long above = 0;
            long under = 0;
            long nan = 0;
            for (int j = 0; j < end; j++) {
                int ab = Float.floatToRawIntBits(d[base + j]) & 0x7fffffff;
                above |= (long) ((hi - ab) >>> 31) << j;
                under |= (long) ((ab - lo) >>> 31) << j;
                nan |= (long) ((MagnitudeSelection.NAN_MIN - 1 - ab) >>> 31) << j;
                if (Integer.compareUnsigned(ab - lo, span) <= 0 && (p & (1L << j)) != 0) {
                    add(ab, ((long) tensor << 32) | (base + j));
                    above |= 1L << j;
                }
            }
            if ((nan & p) != 0) {
                throw new MagnitudeSelection.NanException(tensor, base + Long.numberOfTrailingZeros(nan & p));
            }
            out[w] = above & p;
            below += Long.bitCount(under & p);
        }
    }

    private void add(int key, long position) {
        if (overflow) {
            return;
        }
        if (count >= cap) {
            overflow = true;
            return;
        }
        if (count == keys.length) {
            int n = (int) Math.min(Math.min(cap, Integer.MAX_VALUE - 16L), (long) count * 2);
            keys = Arrays.copyOf(keys, n);
            where = Arrays.copyOf(where, n);
        }
        keys[count] = key;
        where[count++] = position;
    }

    /** Prunes the {@code need} smallest candidates, ties in flat order. */
    void pruneSmallest(int need) {
        if (need == 0) {
            return;
        }
        int tau = IntSelect.kthSmallest(Arrays.copyOf(keys, count), need - 1);
        int less = 0;
        for (int c = 0; c < count; c++) {
            if (keys[c] < tau) {
                less++;
            }
        }
        int ties = need - less;
        for (int c = 0; c < count; c++) {
            int k = keys[c];
            if (k < tau || (k == tau && ties-- > 0)) {
                int t = (int) (where[c] >>> 32);
                int i = (int) where[c];
                keep[t][i >>> 6] &= ~(1L << i);
            }
        }
    }
}
