package dev.compressor.prune;

import dev.compressor.api.tensor.FloatTensor;

/**
 * The pruning method that keeps exactly the non-zero elements: after masked fine-tuning the pruned
 * weights are exactly zero, so this stores the fine-tuned masks as they are. Immutable.
 */
final class NonZeroMasks implements PruningMethod {

    @Override
    public String describe() {
        return "fine-tuned-masks";
    }

    @Override
    public Mask computeMask(FloatTensor tensor, Mask prior) {
        return Mask.nonZero(tensor.data()).and(prior);
    }
}
