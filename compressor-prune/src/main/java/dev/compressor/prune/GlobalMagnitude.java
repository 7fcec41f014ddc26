package dev.compressor.prune;

import dev.compressor.api.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Global unstructured magnitude pruning: one magnitude threshold across several tensors, so that
 * exactly {@code round(sparsity * total)} of all their elements are pruned (prior-pruned ones
 * count). Layers with many small weights lose more than others. Ties at the threshold are pruned
 * in flat order, tensor by tensor.
 *
 * <p>The threshold is found without sorting: a strided sample brackets it and one pass over the
 * data builds the masks (two histogram passes more in the rare case the bracket misses), so the
 * cost is a few passes over memory. Immutable and thread-safe.
 *
 * @param sparsity the fraction of all elements to prune, in [0, 1)
 */
public record GlobalMagnitude(double sparsity) {

    /**
     * Validates the sparsity.
     *
     * @param sparsity the fraction of all elements to prune, in [0, 1)
     * @throws IllegalArgumentException if sparsity is outside [0, 1) or not a number
     */
    public GlobalMagnitude {
        Checks.sparsity(sparsity);
    }

    /**
     * A short description with the setting.
     *
     * @return e.g. {@code "global-magnitude(0.9)"}
     */
    public String describe() {
        return String.format(Locale.ROOT, "global-magnitude(%.4g)", sparsity);
    }

    /**
     * Computes the masks of several tensors at once.
     *
     * @param tensors the current values (not modified)
     * @param priors for each tensor, the mask of earlier pruning (same length)
     * @return for each tensor, a mask whose kept elements are a subset of its prior's
     * @throws IllegalArgumentException if the lists differ in size, a prior does not fit its tensor,
     *     or a kept element is NaN (the message names the tensor's position in the list)
     */
    public List<Mask> computeMasks(List<FloatTensor> tensors, List<Mask> priors) {
        if (tensors.size() != priors.size()) {
            throw new IllegalArgumentException(tensors.size() + " tensors but " + priors.size() + " prior masks");
        }
        float[][] data = new float[tensors.size()][];
        long[][] bits = new long[tensors.size()][];
        long total = 0;
        long pruned = 0;
        for (int t = 0; t < data.length; t++) {
            data[t] = tensors.get(t).data();
            Mask p = priors.get(t);
            if (p.length() != data[t].length) {
                throw new IllegalArgumentException("prior mask " + t + " has " + p.length() + " elements, tensor "
                        + t + " has " + data[t].length);
            }
            bits[t] = p.bits();
            total += data[t].length;
            pruned += p.prunedCount();
        }
        long more = Math.max(0, Checks.target(sparsity, total) - pruned);
        long[][] keep;
        try {
            keep = MagnitudeSelection.prune(data, bits, more);
        } catch (MagnitudeSelection.NanException e) {
            throw new IllegalArgumentException("tensor " + e.tensor + ": " + e.getMessage(), e);
        }
        List<Mask> out = new ArrayList<>(data.length);
        for (int t = 0; t < data.length; t++) {
            out.add(Mask.wrap(keep[t], data[t].length));
        }
        return out;
    }

    /**
     * Computes the masks of several tensors without prior masks.
     *
     * @param tensors the current values
     * @return the masks
     */
    public List<Mask> computeMasks(List<FloatTensor> tensors) {
        List<Mask> priors = new ArrayList<>(tensors.size());
        for (FloatTensor t : tensors) {
            priors.add(Mask.keepAll(t.length()));
        }
        return computeMasks(tensors, priors);
    }
}
