package dev.compressor.prune;

/** Argument checks shared by the pruning methods. Stateless. */
final class Checks {

    private Checks() {
    }

    /**
     * Checks a sparsity.
     *
     * @param sparsity the value
     * @return the value
     * @throws IllegalArgumentException if outside [0, 1) or NaN
     */
    static double sparsity(double sparsity) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
        }
        return sparsity;
    }

    /** The number of elements a sparsity prunes out of {@code n}: {@code round(sparsity * n)}. */
    static long target(double sparsity, long n) {
        return Math.round(sparsity * n);
    }

    /**
     * Checks that a mask fits a tensor.
     *
     * @param prior the mask
     * @param length the tensor's length
     */
    static void sameLength(Mask prior, int length) {
        if (prior.length() != length) {
            throw new IllegalArgumentException("prior mask has " + prior.length() + " elements, tensor " + length);
        }
    }

    /**
     * Checks that no kept element is NaN.
     *
     * @param values the values
     * @param keep the kept elements
     * @throws IllegalArgumentException naming the first NaN
     */
    static void noNan(float[] values, Mask keep) {
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(values[i]) && keep.isKept(i)) {
                throw new IllegalArgumentException("NaN at flat index " + i
                        + "; pruning needs weights that are numbers");
            }
        }
    }
}
