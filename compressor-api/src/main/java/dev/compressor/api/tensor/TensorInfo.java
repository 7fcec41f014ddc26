package dev.compressor.api.tensor;

import java.util.Objects;

/**
 * Where a parameter tensor lives in a DL4J network and what it is.
 *
 * @param name the network's parameter key, e.g. {@code "0_W"} (MultiLayerNetwork) or
 *     {@code "conv1_1_W"} (ComputationGraph)
 * @param layerName the layer's name (for a MultiLayerNetwork without names, its index)
 * @param layerType the simple class name of the DL4J layer configuration, e.g. {@code "DenseLayer"}
 * @param paramKey the parameter's key within its layer, e.g. {@code "W"}, {@code "b"}, {@code "RW"}
 * @param kind the role of the tensor
 * @param layout shape and element order of the parameter view
 * @param outputAxis the axis that indexes output channels (per-channel schemes split along it),
 *     or -1 when the tensor has none
 * @param flatOffset the tensor's offset in the network's flattened parameter vector
 */
public record TensorInfo(
        String name,
        String layerName,
        String layerType,
        String paramKey,
        ParamKind kind,
        TensorLayout layout,
        int outputAxis,
        long flatOffset) {

    /** Validates the fields. */
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layerName, "layerName");
        Objects.requireNonNull(layerType, "layerType");
        Objects.requireNonNull(paramKey, "paramKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(layout, "layout");
        if (outputAxis < -1 || outputAxis >= layout.rank()) {
            throw new IllegalArgumentException("outputAxis " + outputAxis + " out of range for " + layout);
        }
        if (flatOffset < 0) {
            throw new IllegalArgumentException("flatOffset must be >= 0, got " + flatOffset);
        }
    }

    /** The number of elements. @return the length */
    public int length() {
        return layout.length();
    }
}
