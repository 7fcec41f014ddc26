package dev.compressor.examples.study;

import dev.compressor.api.training.FineTuningBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * What a small-tier cell of a {@link dev.compressor.examples.settings.Recovery#FINE_TUNED fine-tuned}
 * setting trains with: labelled training minibatches (made on first use, never from test images),
 * the budget and the learning rate. Immutable.
 *
 * @param train supplies the training minibatches (a fresh, resettable iterator per call)
 * @param budget the most epochs and wall time per cell
 * @param learningRate the optimiser's learning rate while fine-tuning
 */
record FineTuningInputs(Supplier<MultiDataSetIterator> train, FineTuningBudget budget, double learningRate) {

    /**
     * The small tier's budget per fine-tuned cell: 3 epochs or 4 minutes of wall time, whichever ends
     * first, so that a cell's fine-tuning stays within the 5 minutes issue 20 allows.
     */
    static final FineTuningBudget DEFAULT_BUDGET = FineTuningBudget.epochs(3).orWallTime(Duration.ofMinutes(4));

    /** The child JVM's argument of the budget's epoch limit (0: none). */
    static final String EPOCHS_ARG = "--fine-tune-epochs";
    /** The child JVM's argument of the budget's wall time in seconds (0: none). */
    static final String SECONDS_ARG = "--fine-tune-seconds";

    /**
     * The arguments that carry a budget to a child JVM ({@link #budget(Map)} reads them back).
     *
     * @param budget the budget
     * @return the arguments
     */
    static List<String> arguments(FineTuningBudget budget) {
        return List.of(EPOCHS_ARG, Integer.toString(budget.maxEpochs()), SECONDS_ARG,
                budget.maxWallTime() == null ? "0" : Long.toString(budget.maxWallTime().toSeconds()));
    }

    /**
     * The budget a child JVM was given; the default where its arguments name none.
     *
     * @param args the child's options by name
     * @return the budget
     * @throws IllegalArgumentException if the values are malformed or give neither limit
     */
    static FineTuningBudget budget(Map<String, String> args) {
        if (!args.containsKey(EPOCHS_ARG) && !args.containsKey(SECONDS_ARG)) {
            return DEFAULT_BUDGET;
        }
        int epochs = Integer.parseInt(args.getOrDefault(EPOCHS_ARG, "0"));
        long seconds = Long.parseLong(args.getOrDefault(SECONDS_ARG, "0"));
        return new FineTuningBudget(epochs, seconds == 0 ? null : Duration.ofSeconds(seconds));
    }

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the learning rate is not positive and finite
     */
    FineTuningInputs {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(budget, "budget");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
        }
    }
}
