package dev.compressor.api.recalibration;

import java.util.List;

/**
 * What one {@link BatchNormRecalibration#recalibrate} did. Immutable.
 *
 * @param layers the batch normalisation layers whose running mean and variance were recomputed, in
 *     the order an inference pass reaches them (a MultiLayerNetwork layer without a name goes by its
 *     index)
 * @param examples how many input examples the statistics were measured on
 * @param nanos wall time it took, in nanoseconds (read from the recalibration's ticker)
 */
public record Recalibration(List<String> layers, int examples, long nanos) {

    /**
     * Copies the layer list.
     *
     * @param layers the layers
     * @param examples the examples
     * @param nanos the wall time
     */
    public Recalibration {
        layers = List.copyOf(layers);
    }
}
