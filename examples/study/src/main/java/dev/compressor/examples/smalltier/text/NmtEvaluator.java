package dev.compressor.examples.smalltier.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * BLEU of a (possibly compressed) translation model on test pairs: greedy translations
 * ({@link GreedyDecoder}) scored against the German references with sacreBLEU's corpus BLEU
 * ({@link Bleu#corpus}), and the copy-the-source baseline on the same pairs. Sentences are decoded
 * in batches of similar source length; results come back in the pairs' order.
 *
 * <p>Stateless; as thread-safe as the forward function it is given.
 */
public final class NmtEvaluator {

    /** Sentences decoded together. */
    public static final int DECODE_BATCH = 64;

    private NmtEvaluator() {
    }

    /**
     * Scores a graph built by {@code AttentionNmt} on the first {@code limit} test pairs.
     *
     * @param graph the network
     * @param sourceVocab its source vocabulary
     * @param targetVocab its target vocabulary
     * @param test the test pairs
     * @param limit how many leading pairs to score (at least 1; more than there are means all)
     * @return corpus BLEU
     */
    public static BleuScore bleu(ComputationGraph graph, Vocabulary sourceVocab, Vocabulary targetVocab,
                                 List<SentencePair> test, int limit) {
        return bleu(NmtForward.of(graph), sourceVocab, targetVocab, test, limit);
    }

    /**
     * Scores any forward function on the first {@code limit} test pairs.
     *
     * @param forward the model
     * @param sourceVocab its source vocabulary
     * @param targetVocab its target vocabulary
     * @param test the test pairs
     * @param limit how many leading pairs to score (at least 1; more than there are means all)
     * @return corpus BLEU
     */
    public static BleuScore bleu(NmtForward forward, Vocabulary sourceVocab, Vocabulary targetVocab,
                                 List<SentencePair> test, int limit) {
        List<SentencePair> pairs = first(test, limit);
        List<String> hyps = translate(new GreedyDecoder(forward, sourceVocab, targetVocab), sources(pairs));
        return Bleu.corpus(hyps, references(pairs));
    }

    /**
     * Scores the untranslated English against the German references on the first {@code limit} pairs.
     *
     * @param test the test pairs
     * @param limit how many leading pairs (at least 1; more than there are means all)
     * @return corpus BLEU of the copy-the-source baseline
     */
    public static BleuScore copyBaseline(List<SentencePair> test, int limit) {
        List<SentencePair> pairs = first(test, limit);
        return Bleu.corpus(sources(pairs), references(pairs));
    }

    /**
     * Translates sentences in batches of {@value #DECODE_BATCH} of similar length.
     *
     * @param decoder the decoder
     * @param sources the source sentences
     * @return the translations, in the sources' order
     */
    public static List<String> translate(GreedyDecoder decoder, List<String> sources) {
        Integer[] order = new Integer[sources.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> sources.get(i).length()).thenComparingInt(i -> i));
        String[] out = new String[order.length];
        for (int from = 0; from < order.length; from += DECODE_BATCH) {
            int to = Math.min(order.length, from + DECODE_BATCH);
            List<String> batch = new ArrayList<>();
            for (int k = from; k < to; k++) {
                batch.add(sources.get(order[k]));
            }
            List<String> hyps = decoder.translate(batch);
            for (int k = from; k < to; k++) {
                out[order[k]] = hyps.get(k - from);
            }
        }
        return Arrays.asList(out);
    }

    private static List<SentencePair> first(List<SentencePair> test, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (test.isEmpty()) {
            throw new IllegalArgumentException("no test pairs");
        }
        return test.subList(0, Math.min(limit, test.size()));
    }

    private static List<String> sources(List<SentencePair> pairs) {
        return pairs.stream().map(SentencePair::source).toList();
    }

    private static List<String> references(List<SentencePair> pairs) {
        return pairs.stream().map(SentencePair::target).toList();
    }
}
