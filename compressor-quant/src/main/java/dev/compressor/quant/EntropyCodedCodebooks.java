package dev.compressor.quant;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.internal.EntropyCodebookEncoder;
import java.util.Arrays;

/**
 * A storage step for weight-shared tensors (after {@link Quantization#kmeans(int)}): a tensor whose
 * stored values take few distinct values is stored as a codebook of those values plus
 * entropy-coded indices ({@code codebook-rans}), whenever that blob is smaller than the current one.
 * Tensors held by a sparse encoding keep it; only their non-zero values are re-coded. Values are
 * unchanged, bit for bit. This is the Huffman stage of Deep Compression, with a static rANS coder.
 *
 * <p>A tensor qualifies when its stored values are finite and have at most 65,536 distinct values,
 * each used at least twice on average. Immutable and thread-safe.
 */
public final class EntropyCodedCodebooks implements Compressor {

    private static final int MAX_ENTRIES = 1 << 16;

    /** Creates the step. */
    public EntropyCodedCodebooks() {
    }

    @Override
    public String describe() {
        return "entropy-coded-codebooks";
    }

    @Override
    public CompressionState apply(CompressionState state) {
        return state.map(TensorSelector.all(), EntropyCodedCodebooks::recode).withStep(describe());
    }

    private static TensorState recode(TensorState t) {
        boolean sparse = t.encoder().wrapsValues();
        float[] all = t.values().data();
        float[] stored = sparse ? NonZeros.gather(all) : all;
        float[] book = distinct(stored);
        if (book == null || stored.length == 0) {
            return t;
        }
        EntropyCodebookEncoder coded = new EntropyCodebookEncoder(book, "rans-codebook(" + book.length + " entries)");
        long now = t.encoder().encode(t.values()).length;
        long after = sparse ? t.encoder().rewrap(coded).encode(t.values()).length
                : coded.encode(new FloatTensor(TensorLayout.vector(stored.length), stored)).length;
        return after < now ? t.withEncoder(t.encoder().rewrap(coded)) : t;
    }

    /**
     * The sorted distinct values, or null when they do not qualify. One pass with an open-addressing
     * set of raw float bits that gives up as soon as there are too many distinct values.
     */
    private static float[] distinct(float[] values) {
        int limit = (int) Math.min(MAX_ENTRIES, values.length / 2L);
        int[] slots = new int[Integer.highestOneBit(Math.max(1, limit)) * 4];
        boolean[] used = new boolean[slots.length];
        int mask = slots.length - 1;
        int d = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return null;
            }
            int bits = Float.floatToRawIntBits(v);
            int h = (bits * 0x9E3779B9) >>> 7 & mask;
            while (used[h] && slots[h] != bits) {
                h = (h + 1) & mask;
            }
            if (!used[h]) {
                if (++d > limit) {
                    return null;
                }
                used[h] = true;
                slots[h] = bits;
            }
        }
        float[] book = new float[d];
        int j = 0;
        for (int h = 0; h < slots.length; h++) {
            if (used[h]) {
                book[j++] = Float.intBitsToFloat(slots[h]);
            }
        }
        Arrays.sort(book);
        return book;
    }
}
