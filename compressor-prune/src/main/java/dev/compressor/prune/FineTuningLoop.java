package dev.compressor.prune;

import com.google.common.base.Ticker;
import java.util.function.DoubleConsumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The training loop of {@link FineTunedPruning}: one {@code fit} per minibatch on DL4J's own
 * training path, until the epoch or the wall-time limit of a {@link FineTuningBudget} is reached
 * (time checked before every minibatch). After each minibatch it reports the share of the budget
 * spent, in [0, 1]: the larger of iterations over the iterations the epoch limit allows and elapsed
 * time over the time limit. Not thread-safe; one run per instance.
 */
final class FineTuningLoop {

    /** One minibatch source bound to one network. */
    interface Trainer {
        boolean hasNext();

        void fitNext();

        void skipNext();

        void reset();

        boolean resetSupported();
    }

    private final Trainer trainer;
    private final Model network;
    private final FineTuningBudget budget;
    private final Ticker ticker;
    private final long startNanos;
    private int epochs;
    private long iterations;
    private boolean wallTimeReached;

    FineTuningLoop(Trainer trainer, Model network, FineTuningBudget budget, Ticker ticker, long startNanos) {
        this.trainer = trainer;
        this.network = network;
        this.budget = budget;
        this.ticker = ticker;
        this.startNanos = startNanos;
    }

    static Trainer trainer(Model network, DataSetIterator data) {
        return new Trainer() {
            @Override
            public boolean hasNext() {
                return data.hasNext();
            }

            @Override
            public void fitNext() {
                if (network instanceof MultiLayerNetwork m) {
                    m.fit(data.next());
                } else {
                    ((ComputationGraph) network).fit(data.next());
                }
            }

            @Override
            public void skipNext() {
                data.next();
            }

            @Override
            public void reset() {
                data.reset();
            }

            @Override
            public boolean resetSupported() {
                return data.resetSupported();
            }
        };
    }

    static Trainer trainer(ComputationGraph network, MultiDataSetIterator data) {
        return new Trainer() {
            @Override
            public boolean hasNext() {
                return data.hasNext();
            }

            @Override
            public void fitNext() {
                network.fit(data.next());
            }

            @Override
            public void skipNext() {
                data.next();
            }

            @Override
            public void reset() {
                data.reset();
            }

            @Override
            public boolean resetSupported() {
                return data.resetSupported();
            }
        };
    }

    /**
     * Trains until the budget is spent.
     *
     * @param afterIteration called after every minibatch with the share of the budget spent
     * @throws IllegalArgumentException if the iterator gives no minibatch, or cannot be reset when
     *     the budget allows more than one epoch
     */
    void run(DoubleConsumer afterIteration) {
        if (!trainer.resetSupported()) {
            throw new IllegalArgumentException("the training iterator must support reset(): it is read once to count"
                    + " its minibatches and once per epoch");
        }
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

    int epochs() {
        return epochs;
    }

    long iterations() {
        return iterations;
    }

    boolean wallTimeReached() {
        return wallTimeReached;
    }
}
