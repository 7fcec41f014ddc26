package dev.compressor.api.encoding.entropy;

/**
 * Order-0 empirical entropy: the fewest bits any coder that models each symbol independently with
 * the stream's own symbol frequencies can spend, {@code sum(-count_s * log2(count_s / total))}.
 * Stateless and thread-safe.
 */
public final class EmpiricalEntropy {

    private EmpiricalEntropy() {
    }

    /**
     * The empirical entropy of a stream with the given symbol counts.
     *
     * @param counts how often each symbol occurs; every count at least 0
     * @return the entropy of the whole stream, in bits (0 for an empty or single-symbol stream)
     * @throws IllegalArgumentException if a count is negative
     */
    public static double bits(long[] counts) {
        long total = 0;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] < 0) {
                throw new IllegalArgumentException("count of symbol " + s + " is negative: " + counts[s]);
            }
            total += counts[s];
        }
        double bits = 0;
        for (long c : counts) {
            if (c > 0 && c < total) {
                bits -= c * (Math.log((double) c / total) / Math.log(2));
            }
        }
        return bits;
    }

    /**
     * The empirical entropy of a binary mask (a Bernoulli stream): {@code n * H(ones / n)}.
     *
     * @param length the number of positions, at least 0
     * @param ones how many of them are set, 0..length
     * @return the entropy in bits
     * @throws IllegalArgumentException if the counts are inconsistent
     */
    public static double maskBits(long length, long ones) {
        if (length < 0 || ones < 0 || ones > length) {
            throw new IllegalArgumentException("a mask of " + length + " positions cannot have " + ones + " set");
        }
        return bits(new long[] {length - ones, ones});
    }
}
