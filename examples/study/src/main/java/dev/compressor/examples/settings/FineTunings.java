package dev.compressor.examples.settings;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressors;
import dev.compressor.api.training.BudgetedTraining;
import dev.compressor.api.training.FineTuningBudget;
import dev.compressor.prune.FineTuned;
import dev.compressor.prune.FineTunedPruning;
import dev.compressor.prune.Pruning;
import dev.compressor.quant.QuantizationAwareTraining;
import dev.compressor.quant.WeightSharingTraining;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** The study's fine-tunings, one per {@link Recovery#FINE_TUNED} setting. Stateless. */
final class FineTunings {

    /**
     * Share of the training learning rate quantization-aware training uses: it starts from weights the
     * grid moves only a little (measured on the small tier's resnet11, int4: -0.1 points at a tenth).
     */
    static final double QAT_RATE_SHARE = 0.1;
    /**
     * Share of the budget over which pruning reaches its final sparsity; the rest trains at it. On
     * the small tier's resnet11 at 90 % within 240 s: 0.805 top-1 with a third, 0.788 with a fifth (at
     * half the rate), 0.778 with a third at half the rate, 0.62 with two thirds at a tenth.
     */
    static final double RAMP_FRACTION = 1.0 / 3;

    private FineTunings() {
    }

    /** Layer-wise magnitude pruning to {@code sparsity}, rising on a cubic schedule while training. */
    static FineTuning unstructured(double sparsity) {
        return (trained, train, budget, rate) -> outcome(FineTunedPruning.unstructured(sparsity).budget(budget)
                .rampFraction(RAMP_FRACTION).learningRate(rate).fineTune(trained, train), rate);
    }

    /** Channel pruning of {@code ratio} of the filters, removed once, then the smaller network trained. */
    static FineTuning channels(double ratio) {
        return (trained, train, budget, rate) -> outcome(FineTunedPruning.channels(ratio).budget(budget)
                .learningRate(rate).fineTune(trained, train), rate);
    }

    /**
     * The control of the fine-tuned cells: the uncompressed network trained on for the same budget at
     * quantization-aware training's rate, stored as float32. Whatever it gains over fp32 is what more
     * training alone gives, not what a compression recovers.
     */
    static FineTuning uncompressed() {
        return (trained, train, budget, rate) -> {
            long t0 = System.nanoTime();
            ComputationGraph copy = independentCopy(trained);
            double controlRate = rate * QAT_RATE_SHARE;
            copy.setLearningRate(controlRate);
            BudgetedTraining loop = BudgetedTraining.of(copy, train, budget);
            loop.run(share -> { });
            return new FineTuning.Outcome(Compressors.identity().compress(copy), System.nanoTime() - t0,
                    loop.epochs(), loop.iterations(), loop.wallTimeReached(), controlRate);
        };
    }

    /**
     * Quantization-aware training with per-channel symmetric weights of {@code bits} (the grid of the
     * matching post-training setting), then the post-training quantizer, which stores exactly the
     * weights the training used.
     */
    static FineTuning quantizationAware(int bits) {
        return (trained, train, budget, rate) -> {
            long t0 = System.nanoTime();
            QuantizationAwareTraining qat = QuantizationAwareTraining.builder(bits).build();
            ComputationGraph copy = independentCopy(trained);
            double qatRate = rate * QAT_RATE_SHARE;
            copy.setLearningRate(qatRate);
            qat.prepare(copy);
            BudgetedTraining loop = BudgetedTraining.of(copy, train, budget);
            loop.run(share -> { });
            FineTuning.Outcome o = new FineTuning.Outcome(qat.compress(copy), System.nanoTime() - t0, loop.epochs(),
                    loop.iterations(), loop.wallTimeReached(), qatRate);
            QuantizationAwareTraining.remove(copy);
            return o;
        };
    }

    /**
     * Deep Compression as Han et al. ran it: layer-wise magnitude pruning to {@code sparsity} with
     * fine-tuning (the first half of the budget), then a k-means codebook of {@code bits} per tensor
     * whose centroids are trained with the summed gradients of their weights (the second half), then
     * the entropy-coded artifact of {@link Setting#DEEP_COMPRESSION}.
     */
    static FineTuning deepCompression(double sparsity, int bits) {
        return (trained, train, budget, rate) -> {
            long t0 = System.nanoTime();
            FineTuned pruned = FineTunedPruning.unstructured(sparsity).budget(half(budget, true))
                    .rampFraction(RAMP_FRACTION).learningRate(rate).fineTune(trained, train);
            ComputationGraph net = (ComputationGraph) pruned.network();
            WeightSharingTraining sharing = WeightSharingTraining.bits(bits);
            sharing.prepare(net);
            BudgetedTraining loop = BudgetedTraining.of(net, train, half(budget, false));
            loop.run(share -> { });
            WeightSharingTraining.remove(net);
            // magnitude(0) keeps exactly the zeros the fine-tuning held; the codebook holds the trained centroids
            CompressionResult r = Pruning.magnitude(0.0).then(sharing.quantizer())
                    .then(DeepCompressionHan.entropyCoding()).compress(net);
            return new FineTuning.Outcome(r, System.nanoTime() - t0, pruned.spent().epochs() + loop.epochs(),
                    pruned.spent().iterations() + loop.iterations(),
                    pruned.spent().wallTimeReached() || loop.wallTimeReached(), rate);
        };
    }

    /** One half of a budget: the first gets the odd epoch; each gets half the wall time. */
    static FineTuningBudget half(FineTuningBudget budget, boolean first) {
        int epochs = budget.maxEpochs() == 0 ? 0 : Math.max(1, first ? (budget.maxEpochs() + 1) / 2
                : budget.maxEpochs() / 2);
        return new FineTuningBudget(epochs, budget.maxWallTime() == null ? null : budget.maxWallTime().dividedBy(2));
    }

    /**
     * A copy that shares nothing with the network: configuration rebuilt from its JSON, parameters
     * duplicated, a fresh updater. DL4J 1.0.0-M2.1's {@code clone()} shares the layers' configuration
     * objects (a learning rate or weight noise set on the copy reaches the original), and
     * {@code setLearningRate} on a clone of the small tier's resnet29 failed inside DL4J
     * ({@code NetworkUtils.rebuildUpdaterStateArray}).
     */
    static ComputationGraph independentCopy(ComputationGraph network) {
        ComputationGraph c = new ComputationGraph(ComputationGraphConfiguration.fromJson(
                network.getConfiguration().toJson()));
        c.init(network.params().dup(), false);
        return c;
    }

    private static FineTuning.Outcome outcome(FineTuned ft, double rate) {
        return new FineTuning.Outcome(ft.compression(), ft.spent().wallNanos(), ft.spent().epochs(),
                ft.spent().iterations(), ft.spent().wallTimeReached(), rate);
    }

}
