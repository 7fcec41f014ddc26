package dev.compressor.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * One pass over the tensors for a magnitude bracket [lo, hi]: kept elements at or above {@code lo}
 * stay kept for now, those below are pruned and counted, and those inside the bracket are
 * remembered as candidates (in flat order) until {@link #pruneSmallest(int)} settles them. Large
 * inputs are split into chunks that run on the common fork-join pool. Not thread-safe; used once.
 */
final class CandidatePass {

    private static final int CHUNK_WORDS = 1 << 14; // 1 Mi elements
    private static final long PARALLEL_ABOVE = 1 << 22;

    final long[][] keep;
    long below;
    int count;
    boolean overflow;

    private int[] keys;
    private long[] where;

    /** The candidates and count of one chunk. */
    private static final class Chunk {
        final int tensor;
        final int fromWord;
        final int toWord;
        long below;
        int count;
        int[] keys = new int[0];
        long[] where = new long[0];

        Chunk(int tensor, int fromWord, int toWord) {
            this.tensor = tensor;
            this.fromWord = fromWord;
            this.toWord = toWord;
        }

    }

    CandidatePass(float[][] data, long[][] prior, int lo, int hi, long cap) {
        keep = new long[data.length][];
        List<Chunk> chunks = new ArrayList<>();
        long total = 0;
        for (int t = 0; t < data.length; t++) {
            keep[t] = new long[prior[t].length];
            total += data[t].length;
            for (int w = 0; w < prior[t].length; w += CHUNK_WORDS) {
                chunks.add(new Chunk(t, w, Math.min(prior[t].length, w + CHUNK_WORDS)));
            }
        }
        AtomicLong seen = new AtomicLong();
        IntStream range = IntStream.range(0, chunks.size());
        (total > PARALLEL_ABOVE ? range.parallel() : range).forEach(c -> {
            Chunk ch = chunks.get(c);
            if (seen.get() <= cap) {
                scan(data[ch.tensor], prior[ch.tensor], ch, lo, hi, keep[ch.tensor]);
                seen.addAndGet(ch.count);
            }
        });
        if (seen.get() > cap) {
            overflow = true;
            return;
        }
        count = (int) seen.get();
        keys = new int[count];
        where = new long[count];
        int pos = 0;
        for (Chunk ch : chunks) {
            below += ch.below;
            System.arraycopy(ch.keys, 0, keys, pos, ch.count);
            System.arraycopy(ch.where, 0, where, pos, ch.count);
            pos += ch.count;
        }
    }

    private static void scan(float[] d, long[] prior, Chunk ch, int lo, int hi, long[] out) {
        int loMinus1 = lo - 1;
        int max = 0;
        long below = 0;
        long[] candWords = new long[ch.toWord - ch.fromWord];
        int found = 0;
        for (int w = ch.fromWord; w < ch.toWord; w++) {
            int base = w << 6;
            long atLeastLo = 0;
            long aboveHi = 0;
            if (base + 64 <= d.length) {
                // a whole word: a constant trip count, which C2 unrolls
                for (int j = 0; j < 64; j++) {
                    int ab = Float.floatToRawIntBits(d[base + j]) & 0x7fffffff;
                    max = Math.max(max, ab);
                    atLeastLo |= (long) ((loMinus1 - ab) >>> 31) << j;
                    aboveHi |= (long) ((hi - ab) >>> 31) << j;
                }
            } else {
                for (int j = 0; j < d.length - base; j++) {
                    int ab = Float.floatToRawIntBits(d[base + j]) & 0x7fffffff;
                    max = Math.max(max, ab);
                    atLeastLo |= (long) ((loMinus1 - ab) >>> 31) << j;
                    aboveHi |= (long) ((hi - ab) >>> 31) << j;
                }
            }
            long p = prior[w];
            out[w] = atLeastLo & p;
            below += Long.bitCount(p & ~atLeastLo);
            long cand = atLeastLo & ~aboveHi & p;
            candWords[w - ch.fromWord] = cand;
            found += Long.bitCount(cand);
        }
        ch.below = below;
        // the candidates, gathered once their number is known (no growing arrays)
        ch.keys = new int[found];
        ch.where = new long[found];
        int n = 0;
        for (int w = ch.fromWord; w < ch.toWord; w++) {
            long cand = candWords[w - ch.fromWord];
            int base = w << 6;
            while (cand != 0) {
                int j = Long.numberOfTrailingZeros(cand);
                ch.keys[n] = Float.floatToRawIntBits(d[base + j]) & 0x7fffffff;
                ch.where[n++] = ((long) ch.tensor << 32) | (base + j);
                cand &= cand - 1;
            }
        }
        ch.count = n;
        if (max >= MagnitudeSelection.NAN_MIN) {
            for (int i = ch.fromWord << 6; i < Math.min(d.length, ch.toWord << 6); i++) {
                if (Float.isNaN(d[i]) && (prior[i >>> 6] & (1L << i)) != 0) {
                    throw new MagnitudeSelection.NanException(ch.tensor, i);
                }
            }
        }
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
