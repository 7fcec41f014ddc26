package dev.compressor.prune;

import dev.compressor.api.training.BudgetedTraining;
import dev.compressor.api.training.IndependentCopy;
import dev.compressor.api.training.FineTuningBudget;
import com.google.common.base.Ticker;
import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.recalibration.BatchNormRecalibration;
import dev.compressor.prune.structured.ChannelPruning;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pruning with fine-tuning on your own data, in one call: "prune my network to 90 % and train it back".
 * Unstructured: {@link GradualPruning}'s masking listener on DL4J's training loop, with Zhu and
 * Gupta's cubic {@link PolynomialSchedule} raising the sparsity in {@link #pruningSteps(int)} steps
 * over the first {@link #rampFraction(double)} of the budget, the masks held through every
 * optimiser update, and the batch-norm statistics recomputed ({@link BatchNormRecalibration}) after
 * each pruning step and at the end. Channels: {@link ChannelPruning} removes the channels once, then
 * the smaller network is recalibrated and trained for the whole budget. Works for
 * {@code MultiLayerNetwork} and {@code ComputationGraph}; the network's own updater is used (or
 * {@link #learningRate(double)}). Immutable and thread-safe; each call trains its own copy.
 *
 * <pre>{@code
 * FineTuned ft = FineTunedPruning.unstructured(0.9)
 *         .budget(FineTuningBudget.epochs(3).orWallTime(Duration.ofMinutes(5)))
 *         .fineTune(trainedNetwork, trainIterator);      // trainedNetwork is not changed
 * ft.network();                  // 90 % of every weight tensor exactly zero, trained back
 * ft.compression().artifact().write(file);             // stored sparsely
 * ft.spent();                    // wall time, epochs, iterations
 * }</pre>
 */
public final class FineTunedPruning {

    private static final Logger LOG = LoggerFactory.getLogger(FineTunedPruning.class);

    private final double sparsity;
    private final ChannelPruning channels;
    private final boolean global;
    private final TensorSelector selector;
    private final FineTuningBudget budget;
    private final int pruningSteps;
    private final double rampFraction;
    private final double learningRate;
    private final int batchNormExamples;
    private final Ticker ticker;

    private FineTunedPruning(double sparsity, ChannelPruning channels, boolean global, TensorSelector selector,
            FineTuningBudget budget, int pruningSteps, double rampFraction, double learningRate,
            int batchNormExamples, Ticker ticker) {
        this.sparsity = sparsity;
        this.channels = channels;
        this.global = global;
        this.selector = selector;
        this.budget = budget;
        this.pruningSteps = pruningSteps;
        this.rampFraction = rampFraction;
        this.learningRate = learningRate;
        this.batchNormExamples = batchNormExamples;
        this.ticker = ticker;
    }

    /**
     * Gradual layer-wise magnitude pruning of the weight tensors to a sparsity, with fine-tuning.
     * Defaults: budget 1 epoch, 10 pruning steps over the first 2/3 of it, 256 examples for
     * batch-norm recalibration, the system ticker.
     *
     * @param sparsity the final fraction of each weight tensor that is zero, in [0, 1)
     * @return the configuration
     * @throws IllegalArgumentException if sparsity is outside [0, 1)
     */
    public static FineTunedPruning unstructured(double sparsity) {
        return new FineTunedPruning(Checks.sparsity(sparsity), null, false, TensorSelector.weights(),
                FineTuningBudget.epochs(1), 10, 2.0 / 3, Double.NaN, 256, Ticker.systemTicker());
    }

    /**
     * Channel pruning ({@code ChannelPruning.ratio(ratio)}) followed by fine-tuning of the smaller network.
     *
     * @param ratio the fraction of each prunable group's channels to remove, in [0, 1)
     * @return the configuration
     * @throws IllegalArgumentException if ratio is outside [0, 1)
     */
    public static FineTunedPruning channels(double ratio) {
        return channels(ChannelPruning.ratio(ratio));
    }

    /**
     * Any channel pruning, followed by fine-tuning of the smaller network.
     *
     * @param pruning the channel pruning (do not fold batch normalisation: it is needed for training)
     * @return the configuration
     */
    public static FineTunedPruning channels(ChannelPruning pruning) {
        return new FineTunedPruning(0, Objects.requireNonNull(pruning, "pruning"), false, TensorSelector.weights(),
                FineTuningBudget.epochs(1), 0, 2.0 / 3, Double.NaN, 256, Ticker.systemTicker());
    }

    /**
     * Unstructured pruning with one magnitude threshold across all selected tensors.
     *
     * @return the new configuration
     * @throws IllegalStateException for channel pruning
     */
    public FineTunedPruning global() {
        requireUnstructured("global()");
        return new FineTunedPruning(sparsity, null, true, selector, budget, pruningSteps, rampFraction,
                learningRate, batchNormExamples, ticker);
    }

    /**
     * Unstructured pruning of other tensors (default {@link TensorSelector#weights()}).
     *
     * @param tensors which tensors
     * @return the new configuration
     * @throws IllegalStateException for channel pruning
     */
    public FineTunedPruning on(TensorSelector tensors) {
        requireUnstructured("on(selector)");
        return new FineTunedPruning(sparsity, null, global, Objects.requireNonNull(tensors, "tensors"), budget,
                pruningSteps, rampFraction, learningRate, batchNormExamples, ticker);
    }

    /**
     * How much training to spend.
     *
     * @param limit epochs and/or wall time
     * @return the new configuration
     */
    public FineTunedPruning budget(FineTuningBudget limit) {
        return new FineTunedPruning(sparsity, channels, global, selector, Objects.requireNonNull(limit, "budget"),
                pruningSteps, rampFraction, learningRate, batchNormExamples, ticker);
    }

    /**
     * How many times the masks are recomputed on the way to the final sparsity (unstructured only).
     *
     * @param steps at least 1 (1 prunes once, to the final sparsity, before training starts)
     * @return the new configuration
     * @throws IllegalArgumentException if steps is below 1
     */
    public FineTunedPruning pruningSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("pruning steps must be >= 1, got " + steps);
        }
        return new FineTunedPruning(sparsity, channels, global, selector, budget, steps, rampFraction, learningRate,
                batchNormExamples, ticker);
    }

    /**
     * The share of the budget over which the sparsity rises; the rest trains at the final sparsity.
     *
     * @param fraction in (0, 1]
     * @return the new configuration
     * @throws IllegalArgumentException if fraction is outside (0, 1]
     */
    public FineTunedPruning rampFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("ramp fraction must be in (0, 1], got " + fraction);
        }
        return new FineTunedPruning(sparsity, channels, global, selector, budget, pruningSteps, fraction,
                learningRate, batchNormExamples, ticker);
    }

    /**
     * A learning rate for every layer during fine-tuning, instead of the network's own.
     *
     * @param rate finite and greater than 0
     * @return the new configuration
     * @throws IllegalArgumentException if rate is not finite and positive
     */
    public FineTunedPruning learningRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + rate);
        }
        return new FineTunedPruning(sparsity, channels, global, selector, budget, pruningSteps, rampFraction, rate,
                batchNormExamples, ticker);
    }

    /**
     * How many training examples (features only) batch-norm recalibration measures; 0 turns it off.
     *
     * @param examples at least 0
     * @return the new configuration
     * @throws IllegalArgumentException if examples is negative
     */
    public FineTunedPruning batchNormExamples(int examples) {
        if (examples < 0) {
            throw new IllegalArgumentException("batch-norm examples must be >= 0, got " + examples);
        }
        return new FineTunedPruning(sparsity, channels, global, selector, budget, pruningSteps, rampFraction,
                learningRate, examples, ticker);
    }

    /**
     * The clock the wall-time budget and {@link FineTuningSpent#wallNanos()} are read from.
     *
     * @param clock a ticker (default {@link Ticker#systemTicker()})
     * @return the new configuration
     */
    public FineTunedPruning withTicker(Ticker clock) {
        return new FineTunedPruning(sparsity, channels, global, selector, budget, pruningSteps, rampFraction,
                learningRate, batchNormExamples, Objects.requireNonNull(clock, "ticker"));
    }

    /**
     * The settings, e.g. {@code "fine-tuned(magnitude(0.9), 3 epochs, 10 steps)"}.
     *
     * @return the description
     */
    public String describe() {
        String what = channels != null ? channels.describe()
                : String.format(Locale.ROOT, "%s(%.4g)", global ? "global" : "magnitude", sparsity);
        return "fine-tuned(" + what + ", " + budget + (channels != null ? "" : ", " + pruningSteps + " steps") + ")";
    }

    /**
     * Prunes a copy of the network and fine-tunes it on the data within the budget.
     *
     * @param network an initialised, trained MultiLayerNetwork or ComputationGraph with FLOAT
     *     parameters; not modified
     * @param train labelled minibatches; must support {@code reset()}; read once to count its
     *     minibatches when the budget has an epoch limit
     * @return the fine-tuned network, its compression and what it spent
     * @throws IllegalArgumentException if the network is of another kind or not initialised, or the
     *     iterator cannot be reset or is empty
     */
    public FineTuned fineTune(Model network, DataSetIterator train) {
        Objects.requireNonNull(train, "train");
        requireReset(train.resetSupported());
        return run(network, net -> BudgetedTraining.of(net, train, budget),
                () -> batchNormExamples == 0 ? null : BatchNormRecalibration.from(train, batchNormExamples));
    }

    /**
     * Prunes a copy of a graph with several inputs or outputs and fine-tunes it on the data.
     *
     * @param network an initialised, trained ComputationGraph with FLOAT parameters; not modified
     * @param train labelled minibatches, one features and one labels array per input and output;
     *     must support {@code reset()}
     * @return the fine-tuned graph, its compression and what it spent
     * @throws IllegalArgumentException if the graph is not initialised, or the iterator cannot be
     *     reset or is empty
     */
    public FineTuned fineTune(ComputationGraph network, MultiDataSetIterator train) {
        Objects.requireNonNull(train, "train");
        requireReset(train.resetSupported());
        return run(network, net -> BudgetedTraining.of((ComputationGraph) net, train, budget),
                () -> batchNormExamples == 0 ? null : BatchNormRecalibration.from(train, batchNormExamples));
    }

    private FineTuned run(Model original, Function<Model, BudgetedTraining> training,
            Supplier<BatchNormRecalibration> calibration) {
        long t0 = ticker.read();
        Model net;
        CompressionState base;
        MaskingListener listener = null;
        GradualPruning gradual = gradual();
        if (channels != null) {
            CompressionResult pruned = channels.compress(original);
            net = pruned.network();
            base = pruned.state();
        } else {
            base = CompressionState.of(original, Compressor.DEFAULT_SEED);
            net = IndependentCopy.of(original);
            listener = gradual.callerDrivenListener(net);
            net.addListeners(listener);
        }
        if (!Double.isNaN(learningRate)) {
            if (net instanceof MultiLayerNetwork m) {
                m.setLearningRate(learningRate);
            } else {
                ((ComputationGraph) net).setLearningRate(learningRate);
            }
        }
        BatchNormRecalibration bn = calibration.get();
        PruningSteps steps = new PruningSteps(net, listener, gradual.schedule(), pruningSteps, rampFraction, bn);
        steps.advance(0);
        BudgetedTraining loop = training.apply(net).startedAt(ticker, t0);
        loop.run(steps::advance);
        steps.finish();
        net.setListeners(new java.util.ArrayList<>());      // the copy had only the masking listener
        CompressionState state = base.withNetwork(net, describe());
        if (channels == null) {
            state = Pruning.with(new NonZeroMasks()).on(selector).apply(state);
        }
        FineTuningSpent spent = new FineTuningSpent(ticker.read() - t0, loop.epochs(), loop.iterations(),
                steps.pruningSteps(), steps.recalibrations(), loop.wallTimeReached());
        LOG.debug("{}: {}", describe(), spent);
        return new FineTuned(net, CompressionResult.of(state, describe(), spent.wallNanos()), spent);
    }

    private GradualPruning gradual() {
        GradualPruning g = GradualPruning.of(PolynomialSchedule.cubic(0, sparsity, 0, Math.max(1, pruningSteps), 1))
                .on(selector);
        return global ? g.global() : g;
    }

    private void requireUnstructured(String what) {
        if (channels != null) {
            throw new IllegalStateException(what + " applies to unstructured pruning, not to " + channels.describe());
        }
    }

    private static void requireReset(boolean supported) {
        if (!supported) {
            throw new IllegalArgumentException("the training iterator must support reset(): it is read once per"
                    + " epoch (and once to count its minibatches)");
        }
    }
}
