package dev.compressor.prune.sparse;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;

/**
 * A storage step: every tensor stored in one of this module's sparse formats ({@code sparse-bitmask},
 * {@code sparse-relative-index}) is stored with its mask entropy-coded instead
 * ({@code sparse-mask-rans}, within a fraction of a percent of the mask's entropy plus a frequency
 * table of at most 16 entries), around the same value encoder, whenever that index is the
 * smaller one (small tensors may keep their format, the table outweighing the gain). Values are
 * unchanged; only the bytes of the artifact shrink. Run it after pruning, before or after a
 * quantizer. Immutable and thread-safe.
 */
public final class EntropyCodedMasks implements Compressor {

    /** Creates the step. */
    public EntropyCodedMasks() {
    }

    @Override
    public String describe() {
        return "entropy-coded-masks";
    }

    @Override
    public CompressionState apply(CompressionState state) {
        return state.map(TensorSelector.all(), t -> t.encoder() instanceof SparseEncoder s
                && smaller(t.values().data(), s.format()) ? t.withEncoder(new EntropyMaskEncoder(s.inner())) : t)
                .withStep(describe());
    }

    private static boolean smaller(float[] values, SparseFormat current) {
        SparseIndex index = SparseIndex.of(values);
        long now = current == SparseFormat.BITMASK ? index.bitmaskBytes() : index.relativeBytes();
        return EntropyMaskEncoder.indexBytes(values) < now;
    }
}
