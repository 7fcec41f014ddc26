package dev.compressor.prune;

import java.util.Arrays;

/**
 * One layer's response to pruning: the metric after pruning only this layer's weights to each
 * sparsity. Immutable (arrays are copied).
 *
 * @param layer the layer name
 * @param parameters the number of weights pruned in this layer
 * @param sparsities the sparsities tried, ascending
 * @param values the metric at each sparsity
 */
public record LayerSensitivity(String layer, long parameters, double[] sparsities, double[] values) {

    /**
     * Copies the arrays and checks that they agree.
     *
     * @param layer the layer name
     * @param parameters the number of weights pruned in this layer
     * @param sparsities the sparsities tried, ascending
     * @param values the metric at each sparsity
     */
    public LayerSensitivity {
        sparsities = sparsities.clone();
        values = values.clone();
        if (sparsities.length != values.length) {
            throw new IllegalArgumentException(sparsities.length + " sparsities but " + values.length + " values");
        }
    }

    /**
     * The sparsities tried (a copy).
     *
     * @return the sparsities, ascending
     */
    @Override
    public double[] sparsities() {
        return sparsities.clone();
    }

    /**
     * The metric at each sparsity (a copy).
     *
     * @return the values
     */
    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSensitivity l && l.layer.equals(layer) && l.parameters == parameters
                && Arrays.equals(l.sparsities, sparsities) && Arrays.equals(l.values, values);
    }

    @Override
    public int hashCode() {
        return layer.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LayerSensitivity[" + layer + ", " + parameters + " weights, " + Arrays.toString(sparsities) + " -> "
                + Arrays.toString(values) + "]";
    }
}
