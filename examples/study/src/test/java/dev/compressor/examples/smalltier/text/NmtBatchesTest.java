package dev.compressor.examples.smalltier.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class NmtBatchesTest {

    private final Tokenizer13a tokenizer = new Tokenizer13a();

    /** The first real pairs of GNU sed's German catalog, encoded with vocabularies built from all of them. */
    static List<EncodedPair> sedPairs(int n, List<SentencePair> textOut) throws IOException {
        List<SentencePair> pairs = new SentenceFilter(30).pairs(
                MoCatalog.parse(MoCatalogTest.resource("sed.mo"), "sed.mo"));
        Tokenizer13a tok = new Tokenizer13a();
        Vocabulary sv = Vocabulary.build(pairs.stream().map(p -> tok.tokenize(p.source())).toList(), 1, 10_000);
        Vocabulary tv = Vocabulary.build(pairs.stream().map(p -> tok.tokenize(p.target())).toList(), 1, 10_000);
        List<EncodedPair> out = new ArrayList<>();
        for (SentencePair p : pairs.subList(0, n)) {
            out.add(EncodedPair.of(p, tok, sv, tv));
            textOut.add(p);
        }
        return out;
    }

    @Test
    void batchHasShiftedTargetsPaddingAndMasks() throws IOException {
        List<SentencePair> text = new ArrayList<>();
        List<EncodedPair> pairs = sedPairs(3, text);
        int vocab = 1 + pairs.stream().flatMapToInt(p -> java.util.Arrays.stream(p.target())).max().orElseThrow();
        int s = pairs.stream().mapToInt(p -> p.source().length).max().orElseThrow();
        int t = 1 + pairs.stream().mapToInt(p -> p.target().length).max().orElseThrow();
        assertEquals(tokenizer.tokenize(text.get(0).source()).size(), pairs.get(0).source().length);
        for (boolean sparse : new boolean[] {true, false}) {
            MultiDataSet b = NmtBatches.batch(pairs, vocab, sparse);
            assertArrayEquals(new long[] {3, 1, s}, b.getFeatures(0).shape());
            assertArrayEquals(new long[] {3, 1, t}, b.getFeatures(1).shape());
            assertArrayEquals(new long[] {3, s}, b.getFeaturesMaskArray(0).shape());
            assertEquals(null, b.getFeaturesMaskArray(1));
            assertArrayEquals(new long[] {3, sparse ? 1 : vocab, t}, b.getLabels(0).shape());
            assertArrayEquals(new long[] {3, t}, b.getLabelsMaskArray(0).shape());
            for (int i = 0; i < 3; i++) {
                int[] src = pairs.get(i).source();
                int[] tgt = pairs.get(i).target();
                for (int j = 0; j < s; j++) {
                    assertEquals(j < src.length ? src[j] : Vocabulary.PAD_ID, b.getFeatures(0).getInt(i, 0, j));
                    assertEquals(j < src.length ? 1 : 0, b.getFeaturesMaskArray(0).getInt(i, j));
                }
                assertEquals(Vocabulary.BOS_ID, b.getFeatures(1).getInt(i, 0, 0));
                for (int j = 0; j < t; j++) {
                    int expectedLabel = j < tgt.length ? tgt[j] : j == tgt.length ? Vocabulary.EOS_ID : -1;
                    if (j >= 1) {
                        assertEquals(j <= tgt.length ? tgt[j - 1] : Vocabulary.PAD_ID, b.getFeatures(1).getInt(i, 0, j));
                    }
                    assertEquals(expectedLabel >= 0 ? 1 : 0, b.getLabelsMaskArray(0).getInt(i, j));
                    INDArray labels = b.getLabels(0);
                    if (expectedLabel >= 0) {
                        if (sparse) {
                            assertEquals(expectedLabel, labels.getInt(i, 0, j));
                        } else {
                            assertEquals(1.0, labels.getDouble(i, expectedLabel, j));
                            assertEquals(1.0, labels.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                    org.nd4j.linalg.indexing.NDArrayIndex.point(j)).sumNumber().doubleValue());
                        }
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> NmtBatches.batch(List.of(), 10, true));
        assertThrows(IllegalArgumentException.class, () -> NmtBatches.batch(pairs, 2, true));
    }

    @Test
    void bucketsCoverEveryPairOnceWithSimilarLengthsAndAreSeeded() throws IOException {
        List<EncodedPair> pairs = sedPairs(100, new ArrayList<>());
        List<List<EncodedPair>> a = NmtBatches.buckets(pairs, 8, 4, new Random(1));
        List<List<EncodedPair>> same = NmtBatches.buckets(pairs, 8, 4, new Random(1));
        assertEquals(a, same);
        Set<EncodedPair> seen = new HashSet<>();
        int spreadBucketed = 0;
        for (List<EncodedPair> b : a) {
            assertTrue(b.size() >= 1 && b.size() <= 8);
            seen.addAll(b);
            spreadBucketed += spread(b);
        }
        assertEquals(100, seen.size());
        int spreadPlain = 0;
        for (List<EncodedPair> b : NmtBatches.buckets(pairs, 8, 1, new Random(1))) {
            spreadPlain += spread(b);
        }
        assertTrue(spreadBucketed < spreadPlain, spreadBucketed + " vs " + spreadPlain);
        assertThrows(IllegalArgumentException.class, () -> NmtBatches.buckets(pairs, 0, 4, new Random(1)));
    }

    private static int spread(List<EncodedPair> b) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (EncodedPair p : b) {
            min = Math.min(min, p.source().length);
            max = Math.max(max, p.source().length);
        }
        return max - min;
    }
}
