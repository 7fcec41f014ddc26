package dev.compressor.api;

import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorInfo;
import java.util.Objects;

/**
 * One parameter tensor during compression: the original values, the current values, and the
 * encoder that stores the current values exactly. Immutable; the arrays are shared, never written.
 *
 * @param info where the tensor lives and what it is
 * @param original the values of the input network
 * @param values the values after the compressors applied so far
 * @param encoder how {@code values} are stored in the artifact
 */
public record TensorState(TensorInfo info, FloatTensor original, FloatTensor values, TensorEncoder encoder) {

    /** Validates that the parts agree. */
    public TensorState {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(encoder, "encoder");
        if (!values.layout().equals(info.layout()) || !original.layout().equals(info.layout())) {
            throw new IllegalArgumentException("tensor '" + info.name() + "' has layout " + info.layout()
                    + " but values " + values.layout());
        }
    }

    /**
     * The state after a compressor changed the values.
     *
     * @param newValues the new values, in this tensor's layout order
     * @param newEncoder an encoder that stores {@code newValues} exactly
     * @return the new state
     */
    public TensorState withValues(float[] newValues, TensorEncoder newEncoder) {
        return new TensorState(info, original, values.withData(newValues), newEncoder);
    }

    /**
     * The state with another encoder for the same values.
     *
     * @param newEncoder the encoder
     * @return the new state
     */
    public TensorState withEncoder(TensorEncoder newEncoder) {
        return new TensorState(info, original, values, newEncoder);
    }

    /** The tensor's name. @return the name */
    public String name() {
        return info.name();
    }
}
