package dev.compressor.examples.settings;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressors;
import dev.compressor.api.training.BudgetedTraining;
import dev.compressor.api.training.FineTuningBudget;
import dev.compressor.api.training.IndependentCopy;
import dev.compressor.prune.FineTuned;
import dev.compressor.prune.FineTunedPruning;
import dev.compressor.prune.Pruning;
import dev.compressor.quant.QuantizationAwareTraining;
import dev.compressor.quant.WeightSharingTraining;
import java.util.function.Consumer;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** The study's fine-tunings, one per {@link Recovery#FINE_TUNED} setting. Stateless. */
final class FineTunings {

    /**
     * Share of the training learning rate quantization-aware training uses: it starts from weights the
     * grid moves only a little (measured on the small tier's resnet11, int4: -0.1 points at a tenth).
     */
    static final double QAT_RATE_SHARE = 0.1;
    /**
     * Share of the budget over which pruning reaches its final sparsity; the rest trains at it. Tried
     * on the small tier's resnet11 at 90 % within 240 s (1,000 test images; fp32 0.895), runs that
     * differ in more than one thing: rate 2e-3, a third, one-pass recalibrations, 700 minibatches:
     * 0.805; 1e-3, a fifth, one-pass, 712: 0.788; 1e-3, a third, exact recalibrations, 561: 0.778;
     * 5e-4, a third, exact, 579: 0.739; 2e-4, two thirds, exact, 487: 0.62. The rate mattered most;
     * the ramp was not compared at equal settings.
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
        return trainedCopy(copy -> { }, copy -> Compressors.identity().compress(copy));
    }

    /**
     * Quantization-aware training with per-channel symmetric weights of {@code bits} (the grid of the
     * matching post-training setting), then the post-training quantizer, which stores exactly the
     * weights the training used.
     */
    static FineTuning quantizationAware(int bits) {
        QuantizationAwareTraining qat = QuantizationAwareTraining.builder(bits).build();
        return trainedCopy(qat::prepare, qat::compress);
    }

    /**
     * Trains an independent copy at {@link #QAT_RATE_SHARE} of the rate within the budget, prepared
     * before and compressed after.
     */
    private static FineTuning trainedCopy(Consumer<ComputationGraph> prepare,
            Function<ComputationGraph, CompressionResult> compress) {
        return (trained, train, budget, rate) -> {
            long t0 = System.nanoTime();
            ComputationGraph copy = IndependentCopy.of(trained);
            double share = rate * QAT_RATE_SHARE;
            copy.setLearningRate(share);
            prepare.accept(copy);
            BudgetedTraining loop = BudgetedTraining.of(copy, train, budget);
            loop.run(s -> { });
            return new FineTuning.Outcome(compress.apply(copy), System.nanoTime() - t0, loop.epochs(),
                    loop.iterations(), loop.wallTimeReached(), share);
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

    private static FineTuning.Outcome outcome(FineTuned ft, double rate) {
        return new FineTuning.Outcome(ft.compression(), ft.spent().wallNanos(), ft.spent().epochs(),
                ft.spent().iterations(), ft.spent().wallTimeReached(), rate);
    }

}
