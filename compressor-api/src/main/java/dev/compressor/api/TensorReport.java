package dev.compressor.api;

import dev.compressor.api.tensor.ParamKind;

/**
 * What compression did to one tensor (or, aggregated, to one layer or the whole network).
 *
 * @param name tensor name (or layer name, or "total")
 * @param layerName the layer
 * @param kind the tensor's kind ({@code null} for aggregates)
 * @param encoding the encoding's description; for a layer or the total, the one its tensors share or
 *     each encoding's short name with its tensor count, e.g. {@code "int8 (3), fp32 (7)"}
 * @param parameters number of elements
 * @param nonZeros number of elements that are not zero after compression
 * @param encodedBytes stored size before outer compression
 * @param signalEnergy sum of squares of the original values
 * @param noiseEnergy sum of squared errors
 * @param maxAbsError largest absolute error
 */
public record TensorReport(String name, String layerName, ParamKind kind, String encoding, long parameters,
        long nonZeros, long encodedBytes, double signalEnergy, double noiseEnergy, double maxAbsError) {

    /** Stored bits per element. @return bits per weight */
    public double bitsPerWeight() {
        return parameters == 0 ? 0 : 8.0 * encodedBytes / parameters;
    }

    /** Fraction of elements that are zero. @return sparsity in [0, 1] */
    public double sparsity() {
        return parameters == 0 ? 0 : 1.0 - (double) nonZeros / parameters;
    }

    /**
     * Signal-to-quantization-noise ratio in dB: {@code 10 log10(signal / noise)}; positive
     * infinity when the values are exact.
     *
     * @return SQNR in dB
     */
    public double sqnrDb() {
        if (noiseEnergy == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(signalEnergy / noiseEnergy);
    }

    /**
     * The sum of this report and another (for layer and network totals), keeping this report's encoding.
     *
     * @param name the aggregate's name
     * @param other the other report
     * @return the combined report
     */
    TensorReport plus(String name, String layer, TensorReport other) {
        return new TensorReport(name, layer, null, encoding,
                parameters + other.parameters, nonZeros + other.nonZeros, encodedBytes + other.encodedBytes,
                signalEnergy + other.signalEnergy, noiseEnergy + other.noiseEnergy,
                Math.max(maxAbsError, other.maxAbsError));
    }
}
