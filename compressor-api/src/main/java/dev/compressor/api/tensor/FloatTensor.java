package dev.compressor.api.tensor;

import java.util.Objects;

/**
 * A tensor of 32-bit floats held in a Java array, with its {@link TensorLayout}.
 *
 * <p>Compressors work on these rather than on ND4J arrays because a plain loop over a
 * {@code float[]} is an order of magnitude faster than chains of ND4J element-wise ops on the CPU.
 * The array is shared, not copied: treat it as read-only unless you created it.
 *
 * @param layout shape and element order
 * @param data the elements in layout order; {@code data.length == layout.length()}
 */
public record FloatTensor(TensorLayout layout, float[] data) {

    /**
     * Validates that data and layout agree.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public FloatTensor {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(data, "data");
        if (data.length != layout.length()) {
            throw new IllegalArgumentException("layout " + layout + " needs " + layout.length()
                    + " elements, data has " + data.length);
        }
    }

    /** The number of elements. @return the length */
    public int length() {
        return data.length;
    }

    /**
     * A tensor with the same layout and a copy of the data.
     *
     * @return the copy
     */
    public FloatTensor copy() {
        return new FloatTensor(layout, data.clone());
    }

    /**
     * A tensor with the same layout and other data.
     *
     * @param newData elements in this layout's order
     * @return the new tensor
     */
    public FloatTensor withData(float[] newData) {
        return new FloatTensor(layout, newData);
    }
}
