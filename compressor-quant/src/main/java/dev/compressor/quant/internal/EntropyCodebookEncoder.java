package dev.compressor.quant.internal;

import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.encoding.entropy.RansCoder;
import dev.compressor.api.tensor.FloatTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes {@code codebook-rans} blobs for a fixed codebook: each value must equal (bit for bit, in
 * {@link Float#compare} terms) one codebook entry, whose index is entropy-coded. Immutable and
 * thread-safe.
 */
public final class EntropyCodebookEncoder implements TensorEncoder {

    private final float[] codebook;
    private final String description;

    /**
     * Creates an encoder.
     *
     * @param codebook the entries: 1..65536, finite, strictly increasing in {@link Float#compare}
     *     order; copied
     * @param description what {@link #describe()} returns
     * @throws IllegalArgumentException if the codebook is empty, too large, unsorted or not finite
     */
    public EntropyCodebookEncoder(float[] codebook, String description) {
        if (codebook.length < 1 || codebook.length > RansCoder.MAX_ALPHABET) {
            throw new IllegalArgumentException("codebook must have 1.." + RansCoder.MAX_ALPHABET + " entries, has "
                    + codebook.length);
        }
        for (int j = 0; j < codebook.length; j++) {
            if (!Float.isFinite(codebook[j]) || j > 0 && Float.compare(codebook[j - 1], codebook[j]) >= 0) {
                throw new IllegalArgumentException("codebook entry " + j + " is " + codebook[j]
                        + "; entries must be finite and strictly increasing");
            }
        }
        this.codebook = codebook.clone();
        this.description = Objects.requireNonNull(description, "description");
    }

    /** The number of codebook entries. @return the size */
    public int size() {
        return codebook.length;
    }

    @Override
    public String encodingId() {
        return EntropyCodebookEncoding.ID;
    }

    @Override
    public int encodingVersion() {
        return EntropyCodebookEncoding.VERSION;
    }

    @Override
    public String describe() {
        return description;
    }

    /**
     * The codebook index of every value.
     *
     * @param values the values
     * @return their indices
     * @throws IllegalArgumentException if a value is not a codebook entry
     */
    public int[] indices(float[] values) {
        int[] idx = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            int j = Arrays.binarySearch(codebook, values[i]);
            if (j < 0) {
                throw new IllegalArgumentException("value " + values[i] + " at index " + i + " is not one of the "
                        + codebook.length + " codebook entries");
            }
            idx[i] = j;
        }
        return idx;
    }

    @Override
    public byte[] encode(FloatTensor tensor) {
        int[] idx = indices(Objects.requireNonNull(tensor, "tensor").data());
        byte[] stream = RansCoder.encode(idx, 0, idx.length, codebook.length);
        long size = 4L + 4L * codebook.length + stream.length;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor of " + idx.length + " elements is too large to encode");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(codebook.length);
        for (float c : codebook) {
            b.putFloat(c);
        }
        return b.put(stream).array();
    }
}
