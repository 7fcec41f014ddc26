package dev.compressor.api.training;

import java.time.Duration;
import java.util.Locale;

/**
 * How much a fine-tuning may spend: a number of epochs (passes over the training iterator), a wall
 * time, or both, whichever runs out first; the limits of {@link BudgetedTraining}, the loop every
 * fine-tuning of the library runs on. The wall time covers the whole call (for
 * {@code FineTunedPruning}: pruning, recalibration and training) and is checked before every
 * minibatch, so a call ends at most one minibatch (plus the final recalibration and encoding) after
 * it. Immutable.
 *
 * @param maxEpochs the most epochs, at least 1; 0 for no epoch limit
 * @param maxWallTime the most wall time, positive; {@code null} for no time limit
 */
public record FineTuningBudget(int maxEpochs, Duration maxWallTime) {

    /**
     * Validates the limits.
     *
     * @param maxEpochs the most epochs, or 0
     * @param maxWallTime the most wall time, or null
     * @throws IllegalArgumentException naming the bad value, or if neither limit is set
     */
    public FineTuningBudget {
        if (maxEpochs < 0) {
            throw new IllegalArgumentException("maxEpochs must be >= 1, or 0 for no limit, got " + maxEpochs);
        }
        if (maxWallTime != null && (maxWallTime.isNegative() || maxWallTime.isZero())) {
            throw new IllegalArgumentException("maxWallTime must be positive, got " + maxWallTime);
        }
        if (maxEpochs == 0 && maxWallTime == null) {
            throw new IllegalArgumentException("a budget needs an epoch limit, a wall time, or both; got neither");
        }
    }

    /**
     * At most this many epochs.
     *
     * @param epochs at least 1
     * @return the budget
     * @throws IllegalArgumentException if epochs is below 1
     */
    public static FineTuningBudget epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        return new FineTuningBudget(epochs, null);
    }

    /**
     * At most this much wall time, however many epochs fit.
     *
     * @param wallTime positive
     * @return the budget
     * @throws IllegalArgumentException if wallTime is not positive
     */
    public static FineTuningBudget wallTime(Duration wallTime) {
        if (wallTime == null) {
            throw new IllegalArgumentException("wallTime must be positive, got null");
        }
        return new FineTuningBudget(0, wallTime);
    }

    /**
     * This budget, also capped by a wall time.
     *
     * @param wallTime positive
     * @return the new budget
     * @throws IllegalArgumentException if wallTime is not positive
     */
    public FineTuningBudget orWallTime(Duration wallTime) {
        if (wallTime == null) {
            throw new IllegalArgumentException("wallTime must be positive, got null");
        }
        return new FineTuningBudget(maxEpochs, wallTime);
    }

    @Override
    public String toString() {
        String e = maxEpochs == 0 ? "" : maxEpochs + (maxEpochs == 1 ? " epoch" : " epochs");
        String t = maxWallTime == null ? "" : String.format(Locale.ROOT, "%.1f s", maxWallTime.toNanos() / 1e9);
        return e.isEmpty() ? t : t.isEmpty() ? e : e + " or " + t;
    }
}
