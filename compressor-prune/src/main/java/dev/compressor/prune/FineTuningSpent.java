package dev.compressor.prune;

import java.time.Duration;
import java.util.Locale;

/**
 * What one {@link FineTunedPruning} call spent. Immutable.
 *
 * @param wallNanos wall time of the whole call, in nanoseconds (read from its ticker)
 * @param epochs complete passes over the training iterator
 * @param iterations minibatches trained on (parameter updates), partial epochs included
 * @param pruningSteps how many times the masks were recomputed (0 for channel pruning, which
 *     prunes once before training)
 * @param recalibrations how many times the batch-normalisation statistics were recomputed
 * @param wallTimeReached true if the wall-time limit ended the training, false if the epoch limit did
 */
public record FineTuningSpent(long wallNanos, int epochs, long iterations, int pruningSteps, int recalibrations,
        boolean wallTimeReached) {

    /**
     * The wall time.
     *
     * @return {@link #wallNanos()} as a duration
     */
    public Duration wallTime() {
        return Duration.ofNanos(wallNanos);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f s, %d epoch%s, %d iterations, %d pruning steps, %d recalibrations%s",
                wallNanos / 1e9, epochs, epochs == 1 ? "" : "s", iterations, pruningSteps, recalibrations,
                wallTimeReached ? " (stopped by the wall time)" : "");
    }
}
