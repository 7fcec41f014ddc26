package dev.compressor.prune;

import dev.compressor.api.tensor.FloatTensor;
import java.util.Locale;

/** Layer-wise unstructured L1 magnitude pruning to an exact sparsity. Immutable. */
record MagnitudeMethod(double sparsity) implements PruningMethod {

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "magnitude(%.4g)", sparsity);
    }

    @Override
    public Mask computeMask(FloatTensor tensor, Mask prior) {
        Checks.sameLength(prior, tensor.length());
        long more = Math.max(0, Checks.target(sparsity, tensor.length()) - prior.prunedCount());
        try {
            long[][] keep = MagnitudeSelection.prune(new float[][] {tensor.data()}, new long[][] {prior.bits()}, more);
            return Mask.wrap(keep[0], tensor.length());
        } catch (MagnitudeSelection.NanException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
