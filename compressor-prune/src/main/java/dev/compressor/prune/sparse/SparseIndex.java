package dev.compressor.prune.sparse;

/**
 * Sizes of the two index formats for a given set of kept positions, and the best code width of the
 * relative index. Immutable.
 *
 * @param length the tensor's number of elements
 * @param kept the number of kept (non-zero) elements
 * @param relativeBits the relative index's code width with the fewest bytes, in [MIN_BITS, MAX_BITS]
 * @param relativeCodes the number of codes at that width
 */
record SparseIndex(int length, int kept, int relativeBits, long relativeCodes) {

    static final int MIN_BITS = 2;
    static final int MAX_BITS = 16;

    /** Header and index bytes of the bitmask format. */
    long bitmaskBytes() {
        return 8 + (length + 7L) / 8;
    }

    /** Header and index bytes of the relative-index format. */
    long relativeBytes() {
        return 13 + (relativeCodes * relativeBits + 7) / 8;
    }

    /** The format with the smaller index (bitmask on a tie). */
    SparseFormat smaller() {
        return relativeBytes() < bitmaskBytes() ? SparseFormat.RELATIVE_INDEX : SparseFormat.BITMASK;
    }

    /**
     * Measures the kept positions of a tensor (the non-zero values).
     *
     * @param values the tensor
     * @return the sizes
     */
    static SparseIndex of(float[] values) {
        return of(NonZeroBits.of(values), values.length);
    }

    /**
     * Measures the kept positions given as a bit set.
     *
     * @param bits the set of kept positions ({@link NonZeroBits})
     * @param length the tensor's number of elements
     * @return the sizes
     */
    static SparseIndex of(long[] bits, int length) {
        int[] small = new int[1 << 16];
        long[] bigCodes = new long[MAX_BITS + 1];
        int kept = 0;
        int last = -1;
        int maxSmall = 0;
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                int gap = i - last - 1;
                if (gap < small.length) {
                    small[gap]++;
                    maxSmall = Math.max(maxSmall, gap);
                } else {
                    for (int k = MIN_BITS; k <= MAX_BITS; k++) {
                        bigCodes[k] += gap / ((1 << k) - 1);
                    }
                }
                kept++;
                last = i;
            }
        }
        int bestBits = MIN_BITS;
        long bestCodes = Long.MAX_VALUE;
        long bestBitsTotal = Long.MAX_VALUE;
        for (int k = MIN_BITS; k <= MAX_BITS; k++) {
            int skip = (1 << k) - 1;
            long codes = kept + bigCodes[k];
            for (int g = skip; g <= maxSmall; g++) {
                if (small[g] != 0) {
                    codes += (long) small[g] * (g / skip);
                }
            }
            if (codes * k < bestBitsTotal) {
                bestBitsTotal = codes * k;
                bestBits = k;
                bestCodes = codes;
            }
        }
        return new SparseIndex(length, kept, bestBits, bestCodes);
    }
}
