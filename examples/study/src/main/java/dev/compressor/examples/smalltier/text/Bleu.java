package dev.compressor.examples.smalltier.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU exactly as sacreBLEU 2.x computes it with its defaults ({@code corpus_bleu} with
 * {@code tokenize='13a'}, {@code smooth_method='exp'}, {@code lowercase=False},
 * {@code use_effective_order=False}, n-gram order 4).
 *
 * <p>Per segment: the hypothesis and each reference are right-stripped and tokenized with
 * {@link Tokenizer13a}; hypothesis n-gram counts are clipped by the highest count of that n-gram in
 * any reference; the reference length is that of the reference closest in length to the hypothesis
 * (the shorter one on a tie). Over the corpus the statistics are summed and:
 * {@code BP = exp(1 - r/c)} if {@code c < r} ({@code 0} if {@code c = 0}), else 1;
 * if no n-gram of any order matches the score is 0; otherwise, for each order n while the hypothesis
 * has n-grams, {@code p_n = 100 * correct_n / total_n}, and a zero match count is smoothed to
 * {@code 100 / (2^k * total_n)} for the k-th such order ("exp" smoothing, mteval's); an order with
 * no hypothesis n-grams keeps {@code p_n = 0}, whose log sacreBLEU takes as -9999999999;
 * {@code BLEU = BP * exp(mean of log p_n)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Bleu {

    /** The maximum n-gram order (4). */
    public static final int MAX_ORDER = 4;

    private static final Tokenizer13a TOKENIZER = new Tokenizer13a();

    private Bleu() {
    }

    /**
     * Computes corpus BLEU against one reference per segment.
     *
     * @param hypotheses system outputs, one per segment
     * @param references references, one per segment, same count
     * @return the score with its statistics
     */
    public static BleuScore corpus(List<String> hypotheses, List<String> references) {
        return corpusMulti(hypotheses, List.of(references));
    }

    /**
     * Computes corpus BLEU against several reference streams (sacreBLEU's {@code refs} argument:
     * {@code referenceStreams.get(k).get(i)} is the k-th reference of segment i).
     *
     * @param hypotheses system outputs, one per segment
     * @param referenceStreams at least one stream, each as long as {@code hypotheses}
     * @return the score with its statistics
     */
    public static BleuScore corpusMulti(List<String> hypotheses, List<List<String>> referenceStreams) {
        if (referenceStreams.isEmpty()) {
            throw new IllegalArgumentException("at least one reference stream is needed");
        }
        for (List<String> s : referenceStreams) {
            if (s.size() != hypotheses.size()) {
                throw new IllegalArgumentException("a reference stream has " + s.size()
                        + " segments but there are " + hypotheses.size() + " hypotheses");
            }
        }
        long[] correct = new long[MAX_ORDER];
        long[] total = new long[MAX_ORDER];
        long sysLen = 0;
        long refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = TOKENIZER.tokenize(hypotheses.get(i));
            Map<List<String>, Integer> refMax = new HashMap<>();
            int closest = -1;
            for (List<String> stream : referenceStreams) {
                List<String> ref = TOKENIZER.tokenize(stream.get(i));
                int d = Math.abs(hyp.size() - ref.size());
                int best = Math.abs(hyp.size() - closest);
                if (closest < 0 || d < best || (d == best && ref.size() < closest)) {
                    closest = ref.size();
                }
                ngrams(ref).forEach((g, c) -> refMax.merge(g, c, Math::max));
            }
            sysLen += hyp.size();
            refLen += closest;
            for (Map.Entry<List<String>, Integer> e : ngrams(hyp).entrySet()) {
                int n = e.getKey().size();
                total[n - 1] += e.getValue();
                correct[n - 1] += Math.min(e.getValue(), refMax.getOrDefault(e.getKey(), 0));
            }
        }
        return score(correct, total, sysLen, refLen);
    }

    /**
     * Computes the score from summed statistics (sacreBLEU's {@code compute_bleu} with "exp" smoothing).
     *
     * @param correct clipped matches per order, length 4
     * @param total hypothesis n-grams per order, length 4
     * @param sysLen hypothesis tokens
     * @param refLen effective reference tokens
     * @return the score
     */
    public static BleuScore score(long[] correct, long[] total, long sysLen, long refLen) {
        double bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0) : 1.0;
        double[] precisions = new double[MAX_ORDER];
        double score = 0;
        boolean anyMatch = false;
        for (long c : correct) {
            anyMatch |= c != 0;
        }
        if (anyMatch) {
            double smooth = 1;
            for (int n = 0; n < MAX_ORDER; n++) {
                if (total[n] == 0) {
                    break;
                }
                if (correct[n] == 0) {
                    smooth *= 2;
                    precisions[n] = 100.0 / (smooth * total[n]);
                } else {
                    precisions[n] = 100.0 * correct[n] / total[n];
                }
            }
            double logSum = 0;
            for (double p : precisions) {
                logSum += p == 0 ? -9999999999.0 : Math.log(p);
            }
            score = bp * Math.exp(logSum / MAX_ORDER);
        }
        return new BleuScore(score, boxed(correct), boxed(total), boxedD(precisions), bp, sysLen, refLen);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int n = 1; n <= MAX_ORDER; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<Long> boxed(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long v : a) {
            out.add(v);
        }
        return out;
    }

    private static List<Double> boxedD(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double v : a) {
            out.add(v);
        }
        return out;
    }
}
