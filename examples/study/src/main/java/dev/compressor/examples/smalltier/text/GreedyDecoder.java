package dev.compressor.examples.smalltier.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Greedy translation with a teacher-forced model: DL4J's graph keeps no decoder state between calls,
 * so each step re-runs the whole graph on the source and the growing target prefix and appends the
 * best-scoring token of the last position. A sentence stops at {@link Vocabulary#EOS} or after
 * {@code floor(1.5 * sourceTokens) + 5} tokens. An output {@link Vocabulary#UNK} is replaced by the
 * next source token that the target vocabulary lacks (names, options and numbers pass through these
 * catalogs untranslated), or dropped when there is none left: first the tokens both vocabularies
 * lack (in sentence order), then those only the target vocabulary lacks. Output: tokens joined by single spaces
 * (BLEU re-tokenizes it with 13a).
 *
 * <p>Not thread-safe (the forward function usually is not).
 */
public final class GreedyDecoder {

    private final NmtForward forward;
    private final Vocabulary sourceVocab;
    private final Vocabulary targetVocab;
    private final Tokenizer13a tokenizer = new Tokenizer13a();

    /**
     * Creates a decoder.
     *
     * @param forward the model
     * @param sourceVocab the source vocabulary the model was trained with
     * @param targetVocab the target vocabulary the model was trained with
     */
    public GreedyDecoder(NmtForward forward, Vocabulary sourceVocab, Vocabulary targetVocab) {
        this.forward = Objects.requireNonNull(forward, "forward");
        this.sourceVocab = Objects.requireNonNull(sourceVocab, "sourceVocab");
        this.targetVocab = Objects.requireNonNull(targetVocab, "targetVocab");
    }

    /**
     * Translates sentences; the model runs once per output position on the whole batch (finished
     * sentences leave the batch), so callers should pass sentences of similar length.
     *
     * @param sources the source sentences (plain text, tokenized here with 13a)
     * @return one translation per source, in order (empty for an empty source)
     */
    public List<String> translate(List<String> sources) {
        int n = sources.size();
        List<List<String>> srcTokens = new ArrayList<>();
        int[][] srcIds = new int[n][];
        int[][] out = new int[n][];
        int[] outLen = new int[n];
        int[] maxLen = new int[n];
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> tokens = tokenizer.tokenize(sources.get(i));
            srcTokens.add(tokens);
            srcIds[i] = sourceVocab.encode(tokens);
            maxLen[i] = (int) Math.floor(1.5 * tokens.size()) + 5;
            out[i] = new int[maxLen[i]];
            if (!tokens.isEmpty()) {
                active.add(i);
            }
        }
        for (int step = 1; !active.isEmpty(); step++) {
            int[] best = step(active, srcIds, out, step);
            List<Integer> still = new ArrayList<>();
            for (int k = 0; k < active.size(); k++) {
                int i = active.get(k);
                if (best[k] == Vocabulary.EOS_ID) {
                    continue;
                }
                out[i][outLen[i]++] = best[k];
                if (outLen[i] < maxLen[i]) {
                    still.add(i);
                }
            }
            active = still;
        }
        List<String> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(detokenize(Arrays.copyOf(out[i], outLen[i]), srcTokens.get(i)));
        }
        return result;
    }

    private int[] step(List<Integer> active, int[][] srcIds, int[][] out, int t) {
        int b = active.size();
        int s = 0;
        for (int i : active) {
            s = Math.max(s, srcIds[i].length);
        }
        float[] src = new float[b * s];
        float[] mask = new float[b * s];
        float[] tin = new float[b * t];
        for (int k = 0; k < b; k++) {
            int i = active.get(k);
            for (int j = 0; j < srcIds[i].length; j++) {
                src[k * s + j] = srcIds[i][j];
                mask[k * s + j] = 1;
            }
            tin[k * t] = Vocabulary.BOS_ID;
            for (int j = 1; j < t; j++) {
                tin[k * t + j] = out[i][j - 1];
            }
        }
        INDArray scores = forward.apply(Nd4j.create(src, new long[] {b, 1, s}, 'c'),
                Nd4j.create(mask, new long[] {b, s}, 'c'), Nd4j.create(tin, new long[] {b, 1, t}, 'c'));
        float[][] last = scores.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t - 1)).toFloatMatrix();
        int[] best = new int[b];
        for (int k = 0; k < b; k++) {
            float[] row = last[k];
            int arg = Vocabulary.PAD_ID + 1;
            for (int v = arg + 1; v < row.length; v++) {
                if (row[v] > row[arg]) {
                    arg = v;
                }
            }
            best[k] = arg;
        }
        return best;
    }

    private String detokenize(int[] ids, List<String> source) {
        List<String> copyable = new ArrayList<>();
        for (String s : source) {
            if (!targetVocab.contains(s) && !sourceVocab.contains(s)) {
                copyable.add(s);
            }
        }
        for (String s : source) {
            if (!targetVocab.contains(s) && sourceVocab.contains(s)) {
                copyable.add(s);
            }
        }
        int next = 0;
        List<String> words = new ArrayList<>();
        for (int id : ids) {
            if (id == Vocabulary.UNK_ID) {
                if (next < copyable.size()) {
                    words.add(copyable.get(next++));
                }
            } else if (id != Vocabulary.BOS_ID && id != Vocabulary.PAD_ID) {
                words.add(targetVocab.token(id));
            }
        }
        return String.join(" ", words);
    }
}
