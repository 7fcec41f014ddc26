package dev.compressor.examples.smalltier.image;

import java.util.Locale;

/**
 * Top-1 and top-5 accuracy of a classifier on a labelled split. Immutable.
 *
 * @param top1 fraction of examples whose highest-scoring class is the label, in [0, 1]
 * @param top5 fraction of examples whose label is among the five highest-scoring classes, in [0, 1]
 * @param examples number of examples evaluated
 */
public record TopKAccuracy(double top1, double top5, int examples) {

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException if a fraction is outside [0, 1] or there are no examples
     */
    public TopKAccuracy {
        if (!(top1 >= 0 && top1 <= 1) || !(top5 >= 0 && top5 <= 1) || top5 < top1) {
            throw new IllegalArgumentException("bad accuracies top1=" + top1 + " top5=" + top5);
        }
        if (examples < 1) {
            throw new IllegalArgumentException("examples must be >= 1, got " + examples);
        }
    }

    /** Returns e.g. {@code top1 0.9012 top5 0.9987 (10000 examples)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "top1 %.4f top5 %.4f (%d examples)", top1, top5, examples);
    }
}
