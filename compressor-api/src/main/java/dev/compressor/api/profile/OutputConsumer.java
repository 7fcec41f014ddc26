package dev.compressor.api.profile;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads a little of every output so that no inference can be skipped. Stateless. */
final class OutputConsumer {

    private OutputConsumer() {
    }

    /**
     * Sums the first and last element of each array.
     *
     * @param output an {@link INDArray} or an array of them
     * @return the sum (0 for empty arrays)
     * @throws IllegalStateException if the output is null or of another type
     */
    static double consume(Object output) {
        if (output instanceof INDArray a) {
            return consume(a);
        }
        if (output instanceof INDArray[] arrays) {
            double sum = 0;
            for (INDArray a : arrays) {
                sum += consume(a);
            }
            return sum;
        }
        throw new IllegalStateException("the inference returned " + (output == null ? "null" : output.getClass().getName())
                + "; expected an INDArray");
    }

    private static double consume(INDArray a) {
        if (a == null) {
            throw new IllegalStateException("the inference returned a null output array");
        }
        if (a.isEmpty()) {
            return 0;
        }
        return a.getDouble(0L) + a.getDouble(a.length() - 1);
    }
}
