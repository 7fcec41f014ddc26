package dev.compressor.examples.smalltier.text;

import java.util.List;
import java.util.Locale;

/**
 * A corpus BLEU result with its sufficient statistics, as sacreBLEU reports it. Immutable.
 *
 * @param score BLEU on the 0-100 scale
 * @param correct clipped n-gram matches for n = 1..4
 * @param total hypothesis n-grams for n = 1..4
 * @param precisions the (smoothed) n-gram precisions in percent for n = 1..4
 * @param brevityPenalty the brevity penalty, in [0, 1]
 * @param hypothesisLength hypothesis tokens over the corpus
 * @param referenceLength the effective (closest) reference tokens over the corpus
 */
public record BleuScore(double score, List<Long> correct, List<Long> total, List<Double> precisions,
                        double brevityPenalty, long hypothesisLength, long referenceLength) {

    /** Copies the lists. */
    public BleuScore {
        correct = List.copyOf(correct);
        total = List.copyOf(total);
        precisions = List.copyOf(precisions);
    }

    /** Returns the score in sacreBLEU's format, e.g. {@code BLEU = 27.30 60.0/33.3/20.0/10.0 (BP = 1.000 ratio = 1.000 hyp_len = 10 ref_len = 10)}. */
    @Override
    public String toString() {
        double ratio = referenceLength == 0 ? 0 : (double) hypothesisLength / referenceLength;
        return String.format(Locale.ROOT, "BLEU = %.2f %.1f/%.1f/%.1f/%.1f (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
                score, precisions.get(0), precisions.get(1), precisions.get(2), precisions.get(3),
                brevityPenalty, ratio, hypothesisLength, referenceLength);
    }
}
