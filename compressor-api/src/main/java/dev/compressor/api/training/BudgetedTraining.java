package dev.compressor.api.training;

import com.google.common.base.Ticker;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The one training loop every fine-tuning of this library runs on (pruning with fine-tuning,
 * quantization-aware training, retrained weight sharing): one {@code fit} per minibatch on DL4J's
 * own training path, until the epoch or the wall-time limit of a {@link FineTuningBudget} is reached
 * (time checked before every minibatch). After each minibatch it reports the share of the budget
 * spent, in [0, 1]: the larger of iterations over the iterations the epoch limit allows and elapsed
 * time over the time limit. The network's own listeners (masking, shared weights, fake quantization)
 * act on every update as in any {@code fit}. Not thread-safe; one {@link #run} per instance.
 *
 * <pre>{@code
 * BudgetedTraining t = BudgetedTraining.of(network, trainIterator,
 *         FineTuningBudget.epochs(2).orWallTime(Duration.ofMinutes(5)));
 * t.run(share -> { });            // or react to the share of the budget spent
 * t.epochs(); t.iterations(); t.wallTimeReached();
 * }</pre>
 */
public final class BudgetedTraining {

    /** One minibatch source bound to one network. */
    private interface Trainer {
        boolean hasNext();

        void fitNext();

        void skipNext();

        void reset();
    }

    private final Trainer trainer;
    private final Model network;
    private final FineTuningBudget budget;
    private final Ticker ticker;
    private final long startNanos;
    private int epochs;
    private long iterations;
    private boolean wallTimeReached;
    private boolean ran;

    private BudgetedTraining(Trainer trainer, Model network, FineTuningBudget budget, Ticker ticker, long startNanos) {
        this.trainer = trainer;
        this.network = network;
        this.budget = budget;
        this.ticker = ticker;
        this.startNanos = startNanos;
    }

    /**
     * A loop training a {@code MultiLayerNetwork} or {@code ComputationGraph} on a {@code DataSetIterator},
     * its wall time counted from now on the system ticker.
     *
     * @param network the network, trained in place
     * @param data the training data; must support {@code reset()}
     * @param budget the limits
     * @return the loop, not yet run
     * @throws IllegalArgumentException if the network is neither kind, or the iterator cannot be reset
     * @throws NullPointerException if an argument is null
     */
    public static BudgetedTraining of(Model network, DataSetIterator data, FineTuningBudget budget) {
        Objects.requireNonNull(data, "data");
        if (!(network instanceof MultiLayerNetwork) && !(network instanceof ComputationGraph)) {
            throw new IllegalArgumentException("trains a MultiLayerNetwork or a ComputationGraph, got "
                    + (network == null ? "null" : network.getClass().getName()));
        }
        return checked(trainer(network, data), network, budget, data.resetSupported());
    }

    /**
     * A loop training a {@code ComputationGraph} on a {@code MultiDataSetIterator}, its wall time
     * counted from now on the system ticker.
     *
     * @param network the graph, trained in place
     * @param data the training data; must support {@code reset()}
     * @param budget the limits
     * @return the loop, not yet run
     * @throws IllegalArgumentException if the iterator cannot be reset
     * @throws NullPointerException if an argument is null
     */
    public static BudgetedTraining of(ComputationGraph network, MultiDataSetIterator data, FineTuningBudget budget) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        return checked(trainer(network, data), network, budget, data.resetSupported());
    }

    private static BudgetedTraining checked(Trainer trainer, Model network, FineTuningBudget budget, boolean reset) {
        Objects.requireNonNull(budget, "budget");
        if (!reset) {
            throw new IllegalArgumentException("the training iterator must support reset(): it is read once per"
                    + " epoch (and once to count its minibatches)");
        }
        Ticker system = Ticker.systemTicker();
        return new BudgetedTraining(trainer, network, budget, system, system.read());
    }

    /**
     * This loop with its wall time read from another clock and counted from an earlier start (a
     * caller whose own work before training, such as pruning, counts against the budget).
     *
     * @param clock the clock, monotonic nanoseconds
     * @param startNanos the start, read from {@code clock}
     * @return a new loop, not yet run
     */
    public BudgetedTraining startedAt(Ticker clock, long startNanos) {
        return new BudgetedTraining(trainer, network, budget, Objects.requireNonNull(clock, "clock"), startNanos);
    }

    private static Trainer trainer(Model network, DataSetIterator data) {
        return trainer(data, data::reset, d -> {
            if (network instanceof MultiLayerNetwork m) {
                m.fit(d);
            } else {
                ((ComputationGraph) network).fit(d);
            }
        });
    }

    private static Trainer trainer(ComputationGraph network, MultiDataSetIterator data) {
        return trainer(data, data::reset, network::fit);
    }

    /** A trainer over any iterator of minibatches: {@code fit} trains on one. */
    private static <T> Trainer trainer(Iterator<T> data, Runnable reset, Consumer<T> fit) {
        return new Trainer() {
            @Override
            public boolean hasNext() {
                return data.hasNext();
            }

            @Override
            public void fitNext() {
                fit.accept(data.next());
            }

            @Override
            public void skipNext() {
                data.next();
            }

            @Override
            public void reset() {
                reset.run();
            }
        };
    }

    /**
     * Trains until the budget is spent.
     *
     * @param afterIteration called after every minibatch with the share of the budget spent
     * @throws IllegalArgumentException if the iterator gives no minibatch in an epoch
     * @throws IllegalStateException if this loop has run already
     */
    public void run(DoubleConsumer afterIteration) {
        Objects.requireNonNull(afterIteration, "afterIteration");
        if (ran) {
            throw new IllegalStateException("this training loop has run already; make a new one");
        }
        ran = true;
        long perEpoch = budget.maxEpochs() == 0 ? 0 : countBatches();
        while (budget.maxEpochs() == 0 || epochs < budget.maxEpochs()) {
            trainer.reset();
            long before = iterations;
            while (trainer.hasNext()) {
                if (timeUp()) {
                    wallTimeReached = true;
                    return;
                }
                trainer.fitNext();
                iterations++;
                afterIteration.accept(progress(perEpoch));
            }
            if (iterations == before) {
                throw new IllegalArgumentException("the training iterator gave no minibatch in epoch " + (epochs + 1));
            }
            epochs++;
            if (network instanceof MultiLayerNetwork m) {
                m.incrementEpochCount();
            } else {
                ((ComputationGraph) network).incrementEpochCount();
            }
        }
    }

    private long countBatches() {
        trainer.reset();
        long n = 0;
        // one pass without training: cheap for in-memory iterators; the schedule needs the epoch's length
        while (trainer.hasNext()) {
            trainer.skipNext();
            n++;
        }
        return n;
    }

    private boolean timeUp() {
        return budget.maxWallTime() != null && ticker.read() - startNanos >= budget.maxWallTime().toNanos();
    }

    private double progress(long perEpoch) {
        double p = perEpoch == 0 ? 0 : (double) iterations / (perEpoch * budget.maxEpochs());
        if (budget.maxWallTime() != null) {
            p = Math.max(p, (double) (ticker.read() - startNanos) / budget.maxWallTime().toNanos());
        }
        return Math.min(1, p);
    }

    /**
     * Complete passes over the training data so far.
     *
     * @return the epochs
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Minibatches trained on so far (parameter updates), partial epochs included.
     *
     * @return the iterations
     */
    public long iterations() {
        return iterations;
    }

    /**
     * Whether the wall-time limit ended the run (false if the epoch limit did, or before the run).
     *
     * @return true if stopped by the wall time
     */
    public boolean wallTimeReached() {
        return wallTimeReached;
    }
}
