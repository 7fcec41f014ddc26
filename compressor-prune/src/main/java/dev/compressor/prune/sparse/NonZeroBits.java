package dev.compressor.prune.sparse;

import java.util.stream.IntStream;

/**
 * The positions of a tensor's non-zero values as a bit set (bit {@code i % 64} of word {@code i / 64}
 * set when element {@code i} is neither {@code 0.0f} nor {@code -0.0f}), built without branches, and
 * walks over it. The sparse formats read positions from this set rather than testing every element
 * in a branch (which mispredicts at the sparsities pruning leaves). Stateless and thread-safe.
 */
final class NonZeroBits {

    /** Words per parallel slice (2^20 elements). */
    private static final int SLICE_WORDS = 1 << 14;

    private NonZeroBits() {
    }

    /**
     * The bit set of the non-zero elements.
     *
     * @param d the values
     * @return {@code ceil(d.length / 64)} words
     */
    static long[] of(float[] d) {
        long[] bits = new long[(d.length + 63) >>> 6];
        int slices = (bits.length + SLICE_WORDS - 1) / SLICE_WORDS;
        IntStream s = IntStream.range(0, slices);
        (slices > 2 ? s.parallel() : s).forEach(k -> fill(d, bits, k * SLICE_WORDS,
                Math.min(bits.length, (k + 1) * SLICE_WORDS)));
        return bits;
    }

    private static void fill(float[] d, long[] bits, int fromWord, int toWord) {
        int full = Math.min(toWord, d.length >>> 6);
        for (int w = fromWord; w < full; w++) {
            int base = w << 6;
            long word = 0;
            for (int j = 0; j < 64; j++) {
                // 1 when the magnitude bits are not all zero: (m + 0x7fffffff) carries into bit 31
                long bit = ((Float.floatToRawIntBits(d[base + j]) & 0x7fffffff) + 0x7fffffffL) >>> 31;
                word |= bit << j;
            }
            bits[w] = word;
        }
        for (int w = Math.max(fromWord, full); w < toWord; w++) {
            long word = 0;
            for (int i = w << 6; i < d.length; i++) {
                if (d[i] != 0f) {
                    word |= 1L << i;
                }
            }
            bits[w] = word;
        }
    }

    /**
     * The number of set bits.
     *
     * @param bits the set
     * @return the count
     */
    static int count(long[] bits) {
        long n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        return Math.toIntExact(n);
    }
}
