package dev.compressor.api.encoding;

import dev.compressor.api.tensor.FloatTensor;

/**
 * Implemented by a {@link TensorEncoder} that wrote its blob, and measured its error, in the same
 * pass over memory in which a compressor made the values it stores, so that {@code CompressionResult}
 * need not read the tensor again to encode it or to report on it. Both answers are tied to the exact
 * arrays of that pass (compared by identity, never by content): for any other tensor they are
 * {@code null} and the caller encodes and measures as usual. Implementations are immutable and
 * thread-safe.
 */
public interface PreparedEncoding {

    /**
     * The blob of these values, written when they were made; it decodes to them bit for bit.
     *
     * @param values the values to store
     * @return the blob (shared: do not modify it), or {@code null} when {@code values} does not hold
     *     the array this encoder was made for
     */
    byte[] preparedBlob(FloatTensor values);

    /**
     * The error of these values against the original ones, measured when the values were made.
     *
     * @param original the values of the input network
     * @param values the values to store
     * @return the sums, or {@code null} when either array is not the one they were measured on
     */
    ErrorSums preparedErrors(FloatTensor original, FloatTensor values);

    /**
     * What a report needs to know of one tensor's error.
     *
     * @param nonZeros number of stored values that are not zero
     * @param signalEnergy sum of squares of the original values
     * @param noiseEnergy sum of squared differences between original and stored values
     * @param maxAbsError largest absolute difference
     */
    record ErrorSums(long nonZeros, double signalEnergy, double noiseEnergy, double maxAbsError) {
    }
}
