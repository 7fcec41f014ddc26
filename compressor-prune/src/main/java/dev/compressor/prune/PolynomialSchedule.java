package dev.compressor.prune;

import java.util.Locale;

/**
 * Zhu and Gupta's gradual sparsity schedule ("To prune, or not to prune", 2017): from step
 * {@code begin} to step {@code end}, every {@code frequency} steps, the target sparsity rises as
 * {@code s_t = s_f + (s_i - s_f) (1 - (t - begin) / (end - begin))^exponent}; before {@code begin}
 * nothing is pruned, after {@code end} the target stays {@code s_f}. Immutable.
 *
 * @param initialSparsity s_i, the target at {@code begin}, in [0, finalSparsity]
 * @param finalSparsity s_f, the target from {@code end} on, in [0, 1)
 * @param begin the first pruning step (training iterations), at least 0
 * @param end the last pruning step, at least {@code begin}
 * @param frequency steps between pruning steps, at least 1
 * @param exponent the polynomial's exponent (3 in the paper), greater than 0
 */
public record PolynomialSchedule(double initialSparsity, double finalSparsity, long begin, long end, long frequency,
        double exponent) {

    /**
     * Validates the settings.
     *
     * @param initialSparsity s_i
     * @param finalSparsity s_f
     * @param begin the first pruning step
     * @param end the last pruning step
     * @param frequency steps between pruning steps
     * @param exponent the polynomial's exponent
     * @throws IllegalArgumentException naming the first bad value
     */
    public PolynomialSchedule {
        Checks.sparsity(finalSparsity);
        if (!(initialSparsity >= 0 && initialSparsity <= finalSparsity)) {
            throw new IllegalArgumentException("initial sparsity must be in [0, " + finalSparsity + "], got "
                    + initialSparsity);
        }
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("need 0 <= begin <= end, got begin " + begin + ", end " + end);
        }
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency must be >= 1, got " + frequency);
        }
        if (!(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("exponent must be finite and > 0, got " + exponent);
        }
    }

    /**
     * The schedule of the paper (cubic).
     *
     * @param initialSparsity s_i
     * @param finalSparsity s_f
     * @param begin first pruning step
     * @param end last pruning step
     * @param frequency steps between pruning steps
     * @return the schedule
     */
    public static PolynomialSchedule cubic(double initialSparsity, double finalSparsity, long begin, long end,
            long frequency) {
        return new PolynomialSchedule(initialSparsity, finalSparsity, begin, end, frequency, 3);
    }

    /**
     * The target sparsity at a step.
     *
     * @param step a training iteration, at least 0
     * @return 0 before {@code begin}, then the polynomial, then {@code finalSparsity}
     */
    public double sparsityAt(long step) {
        if (step < begin) {
            return 0;
        }
        if (step >= end) {
            return finalSparsity;
        }
        double progress = (double) (step - begin) / (end - begin);
        return finalSparsity + (initialSparsity - finalSparsity) * Math.pow(1 - progress, exponent);
    }

    /**
     * Whether masks are recomputed at a step: {@code begin}, every {@code frequency} steps after it,
     * and {@code end}.
     *
     * @param step a training iteration
     * @return true at pruning steps
     */
    public boolean isPruningStep(long step) {
        return step >= begin && step <= end && ((step - begin) % frequency == 0 || step == end);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "polynomial(%.3g -> %.3g, steps %d..%d every %d, ^%.3g)", initialSparsity,
                finalSparsity, begin, end, frequency, exponent);
    }
}
