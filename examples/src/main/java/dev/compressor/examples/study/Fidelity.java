package dev.compressor.examples.study;

/**
 * How closely a compressed network's output follows the fp32 network's output on the same input.
 * Immutable.
 *
 * @param maxAbsDiff the largest absolute difference of any output element
 * @param relativeL2 {@code ||y - y0|| / ||y0||} over all output elements (0 when both are zero)
 * @param top1Agreement the fraction of output positions (example, and time step for sequence
 *     outputs) whose arg-max class is the same, in [0, 1]
 */
public record Fidelity(double maxAbsDiff, double relativeL2, double top1Agreement) {

    /**
     * Compares two outputs of the same shape. The class axis is axis 1: shape {@code [batch, classes]}
     * or {@code [batch, classes, time]} (C order).
     *
     * @param reference the fp32 output's elements
     * @param actual the compressed network's output elements
     * @param shape the output shape, rank 2 or 3
     * @return the comparison
     * @throws IllegalArgumentException if the lengths differ from each other or from the shape
     */
    public static Fidelity compare(float[] reference, float[] actual, long[] shape) {
        if (reference.length != actual.length) {
            throw new IllegalArgumentException("output lengths differ: " + reference.length + " vs " + actual.length);
        }
        if (shape.length < 2 || shape.length > 3) {
            throw new IllegalArgumentException("output rank must be 2 or 3, got " + shape.length);
        }
        long product = 1;
        for (long d : shape) {
            product *= d;
        }
        if (product != reference.length) {
            throw new IllegalArgumentException("shape holds " + product + " elements, output has " + reference.length);
        }
        double max = 0;
        double diff2 = 0;
        double ref2 = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = (double) actual[i] - reference[i];
            max = Math.max(max, Math.abs(d));
            diff2 += d * d;
            ref2 += (double) reference[i] * reference[i];
        }
        double rel = ref2 > 0 ? Math.sqrt(diff2 / ref2) : (diff2 > 0 ? Double.POSITIVE_INFINITY : 0);
        int batch = (int) shape[0];
        int classes = (int) shape[1];
        int time = shape.length == 3 ? (int) shape[2] : 1;
        int same = 0;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                int base = b * classes * time + t;
                if (argmax(reference, base, classes, time) == argmax(actual, base, classes, time)) {
                    same++;
                }
            }
        }
        return new Fidelity(max, rel, batch * time == 0 ? 1 : (double) same / (batch * time));
    }

    private static int argmax(float[] a, int base, int classes, int stride) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (a[base + c * stride] > a[base + best * stride]) {
                best = c;
            }
        }
        return best;
    }
}
