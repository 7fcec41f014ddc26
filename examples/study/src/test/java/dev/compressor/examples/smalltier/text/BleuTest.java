package dev.compressor.examples.smalltier.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checked corpus BLEU cases; each comment shows the arithmetic. */
class BleuTest {

    private static final double EPS = 1e-9;

    @Test
    void identicalHypothesisScores100() {
        BleuScore s = Bleu.corpus(List.of("The cat sat on the mat.", "Öffne die Datei jetzt, bitte!"),
                List.of("The cat sat on the mat.", "Öffne die Datei jetzt, bitte!"));
        assertEquals(100.0, s.score(), EPS);
        assertEquals(1.0, s.brevityPenalty(), EPS);
        assertEquals(14, s.hypothesisLength());
    }

    @Test
    void emptyHypothesisScores0() {
        BleuScore s = Bleu.corpus(List.of(""), List.of("The cat sat on the mat."));
        assertEquals(0.0, s.score(), EPS);
        assertEquals(0.0, s.brevityPenalty(), EPS); // c = 0
        assertEquals(0, s.hypothesisLength());
        assertEquals(7, s.referenceLength());
    }

    @Test
    void oneWrongWordWorkedExample() {
        // hyp: the cat sat on the mat / ref: the cat sat on a mat (6 tokens each, BP = 1)
        // 1-grams: the(2, clipped to 1) cat sat on mat -> 5/6
        // 2-grams: the cat, cat sat, sat on | on the, the mat -> 3/5
        // 3-grams: the cat sat, cat sat on | sat on the, on the mat -> 2/4
        // 4-grams: the cat sat on | cat sat on the, sat on the mat -> 1/3
        // BLEU = 100 * (5/6 * 3/5 * 2/4 * 1/3)^(1/4) = 100 * (1/12)^(1/4) = 53.7284965911771
        BleuScore s = Bleu.corpus(List.of("the cat sat on the mat"), List.of("the cat sat on a mat"));
        assertEquals(53.7284965911771, s.score(), 1e-9);
        assertEquals(List.of(5L, 3L, 2L, 1L), s.correct());
        assertEquals(List.of(6L, 5L, 4L, 3L), s.total());
    }

    @Test
    void expSmoothingOfZeroMatchOrders() {
        // hyp: a b c d e / ref: a b x d e
        // p1 = 4/5 = 80, p2 = (a b, d e) 2/4 = 50,
        // p3: 0/3 -> first zero order: 100 / (2 * 3) = 16.667; p4: 0/2 -> second: 100 / (4 * 2) = 12.5
        // BLEU = (80 * 50 * 16.6667 * 12.5)^(1/4) = 30.21375397356768
        BleuScore s = Bleu.corpus(List.of("a b c d e"), List.of("a b x d e"));
        assertEquals(30.21375397356768, s.score(), 1e-9);
        assertEquals(100.0 / 6, s.precisions().get(2), 1e-12);
        assertEquals(12.5, s.precisions().get(3), 1e-12);
    }

    @Test
    void brevityPenaltyWorkedExample() {
        // hyp 6 tokens all matching, ref 7 tokens: precisions 100, BP = exp(1 - 7/6)
        // BLEU = 100 * exp(-1/6) = 84.64817248906141
        BleuScore s = Bleu.corpus(List.of("the cat sat on the mat"), List.of("the cat sat on the mat today"));
        assertEquals(84.64817248906141, s.score(), 1e-9);
        assertEquals(Math.exp(-1.0 / 6), s.brevityPenalty(), 1e-12);
    }

    @Test
    void hypothesisWithoutFourGramsScoresZeroAsInSacreBleu() {
        // 2 tokens: no 3- or 4-grams, their precision stays 0 and log(0) is taken as -9999999999.
        BleuScore s = Bleu.corpus(List.of("the cat"), List.of("the cat"));
        assertEquals(0.0, s.score(), EPS);
    }

    @Test
    void noMatchAtAllScoresZero() {
        // sacreBLEU 2.x returns 0 early when no n-gram of any order matches (no smoothing applied).
        BleuScore s = Bleu.corpus(List.of("w x y z"), List.of("a b c d"));
        assertEquals(0.0, s.score(), EPS);
    }

    @Test
    void statisticsAreSummedOverTheCorpusNotAveraged() {
        // segment 1 identical (4 tokens: 4/4, 3/3, 2/2, 1/1); segment 2 empty hypothesis vs 4 tokens.
        // c = 4, r = 8: BP = exp(1 - 2) = e^-1; precisions 100 -> BLEU = 100 / e = 36.787944117144235
        BleuScore s = Bleu.corpus(List.of("a b c d", ""), List.of("a b c d", "e f g h"));
        assertEquals(100 * Math.exp(-1), s.score(), 1e-9);
    }

    @Test
    void closestReferenceLengthWithTieToTheShorter() {
        // hyp 5 tokens; refs of 4 and 6 tokens are equally close: the shorter (4) counts, BP = 1.
        BleuScore s = Bleu.corpusMulti(List.of("a b c d e"), List.of(List.of("a b c d"), List.of("a b c d e f")));
        assertEquals(4, s.referenceLength());
        assertEquals(1.0, s.brevityPenalty(), EPS);
        // n-grams clipped by the max count over refs: all of hyp's n-grams appear in ref 2 -> 100
        assertEquals(100.0, s.score(), EPS);
    }

    @Test
    void tokenizationDecidesMatches() {
        // "Hello, world!" tokenizes to "Hello , world !" (4 tokens), identical to the reference.
        assertEquals(100.0, Bleu.corpus(List.of("Hello, world!"), List.of("Hello , world !")).score(), EPS);
    }

    @Test
    void rejectsMismatchedStreams() {
        assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of("a"), List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> Bleu.corpusMulti(List.of("a"), List.of()));
    }

    @Test
    void formatsLikeSacreBleu() {
        BleuScore s = Bleu.corpus(List.of("the cat sat on the mat"), List.of("the cat sat on a mat"));
        assertEquals("BLEU = 53.73 83.3/60.0/50.0/33.3 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)", s.toString());
    }
}
