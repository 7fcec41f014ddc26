package dev.compressor.prune.sparse;

import dev.compressor.api.encoding.TensorEncoder;
import java.util.Objects;

/**
 * Encoders that store only the non-zero elements of a tensor: an index of their positions
 * ({@code sparse-bitmask}, one bit per element, or {@code sparse-relative-index}, k-bit gaps in the
 * style of Deep Compression) plus the non-zero values, gathered in flat order into a vector and
 * stored by any value encoder (dense fp32 by default; a quantizer's encoder when one runs before or
 * after pruning). A value that is exactly zero is pruned for storage and decodes to zero; every other
 * value is stored as exactly as its value encoder stores it. Stateless.
 */
public final class SparseEncoders {

    private SparseEncoders() {
    }

    /**
     * The bitmask format around a value encoder.
     *
     * @param values the value encoder (not itself sparse)
     * @return the encoder
     * @throws IllegalArgumentException if {@code values} is a sparse wrapper
     */
    public static TensorEncoder bitmask(TensorEncoder values) {
        return new SparseEncoder(SparseFormat.BITMASK, values);
    }

    /**
     * The relative-index format around a value encoder; the code width (2 to 16 bits) is chosen per
     * tensor when encoding.
     *
     * @param values the value encoder (not itself sparse)
     * @return the encoder
     * @throws IllegalArgumentException if {@code values} is a sparse wrapper
     */
    public static TensorEncoder relativeIndex(TensorEncoder values) {
        return new SparseEncoder(SparseFormat.RELATIVE_INDEX, values);
    }

    /**
     * The entropy-coded mask format ({@code sparse-mask-rans}) around a value encoder: the bitmask
     * coded with a static rANS model, near its entropy.
     *
     * @param values the value encoder (not itself sparse)
     * @return the encoder
     * @throws IllegalArgumentException if {@code values} is a sparse wrapper
     */
    public static TensorEncoder entropyMask(TensorEncoder values) {
        return new EntropyMaskEncoder(values);
    }

    /**
     * The sparse format whose index is smaller for these values, around a value encoder. Both formats
     * hand the same values to the value encoder, so the index alone decides.
     *
     * @param tensor the values that will be stored, in flat order
     * @param values the value encoder (not itself sparse)
     * @return the encoder
     */
    public static TensorEncoder smallest(float[] tensor, TensorEncoder values) {
        return new SparseEncoder(SparseIndex.of(tensor).smaller(), values);
    }

    /**
     * The encoder to store a tensor that pruning has just changed, given the encoder that stored it
     * before: this module's sparse formats are chosen anew around their value encoder (an
     * entropy-coded mask stays entropy-coded); another
     * module's sparse wrapper is kept; a value encoder is wrapped in the smaller sparse format. When
     * nothing is zero the value encoder is returned as it is.
     *
     * @param tensor the new values
     * @param previous the encoder that stored the tensor before pruning
     * @return the encoder for the new values
     */
    public static TensorEncoder around(float[] tensor, TensorEncoder previous) {
        Objects.requireNonNull(previous, "previous");
        TensorEncoder values;
        if (previous instanceof EntropyMaskEncoder e) {
            return SparseIndex.of(tensor).kept() == tensor.length ? e.inner() : e;
        }
        if (previous instanceof SparseEncoder s) {
            values = s.inner();
        } else if (previous.wrapsValues()) {
            return previous;
        } else {
            values = previous;
        }
        SparseIndex index = SparseIndex.of(tensor);
        return index.kept() == tensor.length ? values : new SparseEncoder(index.smaller(), values);
    }

    /**
     * The value encoder inside one of this module's sparse encoders.
     *
     * @param encoder any encoder
     * @return its value encoder, or {@code encoder} itself when it is not one of this module's
     */
    public static TensorEncoder valuesOf(TensorEncoder encoder) {
        if (encoder instanceof EntropyMaskEncoder e) {
            return e.inner();
        }
        return encoder instanceof SparseEncoder s ? s.inner() : encoder;
    }
}
