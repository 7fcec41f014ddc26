package dev.compressor.examples.fidelity;

/**
 * How closely a compressed network's output follows the fp32 network's output on the same inputs,
 * over all compared positions (an example, or one time step of an example for sequence outputs).
 * Outputs are compared as logits; the class axis is axis 1. Immutable.
 *
 * @param maxAbsDiff the largest absolute difference of any output element
 * @param relativeL2 {@code ||y - y0|| / ||y0||} over all output elements (0 when both are zero)
 * @param top1Agreement the fraction of positions whose arg-max class is the same, in [0, 1]
 * @param top5Agreement the fraction of positions where the fp32 arg-max class is among the compressed
 *     output's five highest classes (all of them when there are fewer than five), in [0, 1]: the
 *     compressed network's top-5 accuracy with the fp32 predictions as labels; NaN when not measured
 *     (records written before it existed)
 * @param klDivergence the mean over positions of {@code KL(p0 || p)}, the Kullback-Leibler divergence
 *     of the compressed network's softmax {@code p} from the fp32 softmax {@code p0} over the class
 *     axis, in nats (0 for identical logits); NaN when not measured
 * @param positions the number of compared positions ({@code batch * time}); -1 when not recorded
 */
public record Fidelity(double maxAbsDiff, double relativeL2, double top1Agreement, double top5Agreement,
                       double klDivergence, long positions) {

    /**
     * A fidelity with only the first three measures, as records written before the others existed
     * hold: top-5 agreement and KL divergence NaN, positions -1.
     *
     * @param maxAbsDiff the largest absolute difference of any output element
     * @param relativeL2 the relative L2 error of the logits
     * @param top1Agreement the fraction of positions whose arg-max class is the same
     */
    public Fidelity(double maxAbsDiff, double relativeL2, double top1Agreement) {
        this(maxAbsDiff, relativeL2, top1Agreement, Double.NaN, Double.NaN, -1);
    }

    /**
     * Compares two outputs of the same shape. The class axis is axis 1: shape {@code [batch, classes]}
     * or {@code [batch, classes, time]} (C order).
     *
     * @param reference the fp32 output's elements (logits)
     * @param actual the compressed network's output elements (logits)
     * @param shape the output shape, rank 2 or 3
     * @return the comparison over {@code batch * time} positions
     * @throws IllegalArgumentException if the lengths differ from each other or from the shape
     */
    public static Fidelity compare(float[] reference, float[] actual, long[] shape) {
        FidelitySums sums = new FidelitySums();
        sums.add(reference, actual, shape);
        return sums.result();
    }
}
