package dev.compressor.prune;

import dev.compressor.api.tensor.FloatTensor;

/**
 * One way of choosing which elements of a tensor to prune: a small immutable object with one pure
 * method, {@link #computeMask(FloatTensor, Mask)}, in the style of PyTorch's
 * {@code compute_mask(t, default_mask)}. The result always prunes everything the prior mask
 * prunes, so methods compose and never revive a pruned element. Implementations are immutable and
 * thread-safe.
 */
public interface PruningMethod {

    /**
     * A short description with the settings, e.g. {@code "magnitude(0.5)"}.
     *
     * @return the description
     */
    String describe();

    /**
     * Computes the mask of a tensor.
     *
     * @param tensor the current values (not modified)
     * @param prior the mask of earlier pruning, same length; {@link Mask#keepAll(int)} if none
     * @return a mask whose kept elements are a subset of {@code prior}'s
     * @throws IllegalArgumentException if the tensor holds NaN, the lengths differ, or the tensor does
     *     not fit the method (e.g. N:M on a length that is not a multiple of M)
     */
    Mask computeMask(FloatTensor tensor, Mask prior);

    /**
     * Computes the mask of a tensor without a prior mask.
     *
     * @param tensor the current values
     * @return the mask
     */
    default Mask computeMask(FloatTensor tensor) {
        return computeMask(tensor, Mask.keepAll(tensor.length()));
    }

    /**
     * Unstructured L1 magnitude pruning of one tensor: prunes the smallest-magnitude elements until
     * exactly {@code round(sparsity * length)} elements are pruned (prior-pruned ones count; when the
     * prior already prunes more, nothing changes). Ties at the threshold are pruned in flat order.
     *
     * @param sparsity the fraction of the tensor to prune, in [0, 1)
     * @return the method
     * @throws IllegalArgumentException if sparsity is outside [0, 1) or not a number
     */
    static PruningMethod magnitude(double sparsity) {
        return new MagnitudeMethod(Checks.sparsity(sparsity));
    }

    /**
     * Han et al.'s threshold pruning: prunes kept elements whose magnitude is below {@code quality}
     * times the standard deviation of the tensor's kept elements (population standard deviation).
     * The reached sparsity depends on the values' distribution.
     *
     * @param quality the quality parameter, finite and &gt;= 0
     * @return the method
     * @throws IllegalArgumentException if quality is negative or not finite
     */
    static PruningMethod stdThreshold(double quality) {
        if (!(quality >= 0) || Double.isInfinite(quality)) {
            throw new IllegalArgumentException("quality must be finite and >= 0, got " + quality);
        }
        return new StdThresholdMethod(quality);
    }

    /**
     * N:M semi-structured pruning: in every group of {@code m} consecutive elements (flat order),
     * at most {@code n} stay kept; the smallest magnitudes are pruned, ties in flat order. In DL4J's
     * layouts consecutive elements run along the matrix-multiply reduction axis of dense (input
     * dimension) and convolution (input channel, kernel height, kernel width) weights. 2:4 is the
     * pattern sparse tensor cores accelerate.
     *
     * @param n elements kept per group, at least 1
     * @param m group size, greater than {@code n}, at most 64
     * @return the method
     * @throws IllegalArgumentException if {@code n >= m}, {@code n < 1} or {@code m > 64}
     */
    static PruningMethod nOfM(int n, int m) {
        if (n >= m) {
            throw new IllegalArgumentException("N:M pruning needs N < M, got " + n + ":" + m);
        }
        if (n < 1 || m > 64) {
            throw new IllegalArgumentException("N:M pruning needs 1 <= N < M <= 64, got " + n + ":" + m);
        }
        return new NOfMMethod(n, m);
    }
}
