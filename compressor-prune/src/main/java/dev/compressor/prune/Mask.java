package dev.compressor.prune;

import java.util.Arrays;

/**
 * Which elements of a tensor are kept (true) and which are pruned (false), in the tensor's flat
 * layout order. Immutable and thread-safe; stored as a bit set (one bit per element).
 *
 * <p>Masks compose with {@link #and(Mask)}: an element pruned by either mask is pruned, so
 * composition never revives a pruned element.
 */
public final class Mask {

    private final long[] bits;
    private final int length;
    private final int kept;

    private Mask(long[] bits, int length) {
        this.bits = bits;
        this.length = length;
        long k = 0;
        for (long w : bits) {
            k += Long.bitCount(w);
        }
        this.kept = (int) k;
    }

    /**
     * A mask from a bit set (copied).
     *
     * @param bits bit {@code i % 64} of word {@code i / 64} set when element {@code i} is kept; bits
     *     past {@code length} clear
     * @param length the number of elements
     * @return the mask
     * @throws IllegalArgumentException if the word count does not fit the length or a padding bit is set
     */
    public static Mask ofBits(long[] bits, int length) {
        if (length < 0 || bits.length != words(length)) {
            throw new IllegalArgumentException("a mask of " + length + " elements needs " + words(Math.max(0, length))
                    + " words, got " + bits.length);
        }
        if (length % 64 != 0 && bits.length > 0 && (bits[bits.length - 1] >>> (length % 64)) != 0) {
            throw new IllegalArgumentException("bits past the mask's length " + length + " are set");
        }
        return new Mask(bits.clone(), length);
    }

    /** Wraps a bit set this package built and will not change. */
    static Mask wrap(long[] bits, int length) {
        return new Mask(bits, length);
    }

    /**
     * A mask that keeps every element.
     *
     * @param length the number of elements, at least 0
     * @return the mask
     */
    public static Mask keepAll(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        long[] b = new long[words(length)];
        Arrays.fill(b, -1L);
        if (length % 64 != 0) {
            b[b.length - 1] = (1L << (length % 64)) - 1;
        }
        return new Mask(b, length);
    }

    /**
     * The mask of the non-zero elements of a tensor: an element that is exactly zero (either sign)
     * counts as pruned.
     *
     * @param values the elements
     * @return the mask
     */
    public static Mask nonZero(float[] values) {
        long[] b = new long[words(values.length)];
        int full = values.length >>> 6;
        java.util.stream.IntStream slices = java.util.stream.IntStream.range(0, (full + 16383) >>> 14);
        (full > 1 << 15 ? slices.parallel() : slices).forEach(s -> {
            for (int w = s << 14; w < Math.min(full, (s + 1) << 14); w++) {
                long word = 0;
                for (int j = 0; j < 64; j++) {
                    // branch-free: 1 unless the magnitude bits are all zero (0.0f or -0.0f)
                    word |= (((Float.floatToRawIntBits(values[(w << 6) + j]) & 0x7fffffff) + 0x7fffffffL) >>> 31) << j;
                }
                b[w] = word;
            }
        });
        for (int i = full << 6; i < values.length; i++) {
            if (values[i] != 0f) {
                b[i >>> 6] |= 1L << i;
            }
        }
        return new Mask(b, values.length);
    }

    /**
     * A mask from one flag per element.
     *
     * @param keep true where the element is kept
     * @return the mask
     */
    public static Mask of(boolean[] keep) {
        long[] b = new long[words(keep.length)];
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                b[i >>> 6] |= 1L << i;
            }
        }
        return new Mask(b, keep.length);
    }

    /** The bit set itself, not a copy: callers in this package never write it. */
    long[] bits() {
        return bits;
    }

    static int words(int length) {
        return (length + 63) >>> 6;
    }

    /**
     * The number of elements.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * The number of kept elements.
     *
     * @return the count
     */
    public int keptCount() {
        return kept;
    }

    /**
     * The number of pruned elements.
     *
     * @return the count
     */
    public int prunedCount() {
        return length - kept;
    }

    /**
     * The fraction of pruned elements.
     *
     * @return sparsity in [0, 1]; 0 for an empty mask
     */
    public double sparsity() {
        return length == 0 ? 0 : (double) (length - kept) / length;
    }

    /**
     * Whether an element is kept.
     *
     * @param index a flat index in [0, length)
     * @return true if kept
     */
    public boolean isKept(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " outside a mask of " + length);
        }
        return (bits[index >>> 6] & (1L << index)) != 0;
    }

    /**
     * The elements kept by both masks.
     *
     * @param other a mask of the same length
     * @return the intersection
     * @throws IllegalArgumentException if the lengths differ
     */
    public Mask and(Mask other) {
        requireLength(other.length);
        long[] b = new long[bits.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = bits[i] & other.bits[i];
        }
        return new Mask(b, length);
    }

    /**
     * Whether every element this mask prunes is also pruned by {@code other} (so {@code other}
     * revives nothing).
     *
     * @param other a mask of the same length
     * @return true if {@code other}'s kept set is a subset of this one's
     */
    public boolean covers(Mask other) {
        requireLength(other.length);
        for (int i = 0; i < bits.length; i++) {
            if ((other.bits[i] & ~bits[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The values with pruned elements set to zero.
     *
     * @param values elements in the masked tensor's order; not modified
     * @return a new array
     * @throws IllegalArgumentException if the length differs
     */
    public float[] apply(float[] values) {
        requireLength(values.length);
        float[] out = new float[values.length];
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(word);
                out[i] = values[i];
                word &= word - 1;
            }
        }
        return out;
    }

    /**
     * The bit set (a copy): bit {@code i % 64} of word {@code i / 64} is set when element {@code i}
     * is kept.
     *
     * @return the words
     */
    public long[] toBits() {
        return bits.clone();
    }

    private void requireLength(int n) {
        if (n != length) {
            throw new IllegalArgumentException("mask has " + length + " elements, the other operand " + n);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.length == length && Arrays.equals(m.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bits) + length;
    }

    @Override
    public String toString() {
        return "Mask[" + kept + " of " + length + " kept]";
    }
}
