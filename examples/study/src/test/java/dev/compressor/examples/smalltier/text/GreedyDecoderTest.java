package dev.compressor.examples.smalltier.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.OuterCompression;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny attention model memorises seven pairs; greedy decoding must then reproduce them exactly. */
class GreedyDecoderTest {

    static final List<SentencePair> TOY = List.of(
            new SentencePair("open the file", "Datei öffnen", "toy"),
            new SentencePair("close the file", "Datei schließen", "toy"),
            new SentencePair("start sed now", "sed jetzt starten", "toy"),
            new SentencePair("start awk", "awk starten", "toy"),
            new SentencePair("memory exhausted", "Speicher erschöpft", "toy"),
            new SentencePair("no input files", "keine Eingabedateien", "toy"),
            new SentencePair("could not read the input file", "die Eingabedatei konnte nicht gelesen werden", "toy"));

    static Vocabulary sourceVocab;
    static Vocabulary targetVocab;
    static ComputationGraph net;

    @BeforeAll
    static void memorise() {
        Tokenizer13a tok = new Tokenizer13a();
        // The names are left out of both vocabularies: the model learns to emit <unk> for them, and the
        // decoder must copy the unknown name, not "start" (also missing from the target vocabulary).
        sourceVocab = Vocabulary.build(TOY.stream().map(p -> withoutNames(tok.tokenize(p.source()))).toList(), 1, 100);
        targetVocab = Vocabulary.build(TOY.stream().map(p -> withoutNames(tok.tokenize(p.target()))).toList(), 1, 100);
        List<EncodedPair> pairs = new ArrayList<>();
        for (SentencePair p : TOY) {
            pairs.add(EncodedPair.of(p, tok, sourceVocab, targetVocab));
        }
        NmtTrainingOptions o = new NmtTrainingOptions(100, 100, 1, 16, 32, 1, 4, 0.03, 80, 5, 7, 1, 0, 10);
        net = SmallNmtTrainer.network(sourceVocab.size(), targetVocab.size(), o);
        Random r = new Random(3);
        for (int i = 0; i < 150; i++) {
            for (List<EncodedPair> b : NmtBatches.buckets(pairs, 4, 1, r)) {
                net.fit(NmtBatches.batch(b, targetVocab.size(), true));
            }
        }
    }

    private static List<String> withoutNames(List<String> tokens) {
        return tokens.stream().filter(w -> !w.equals("sed") && !w.equals("awk")).toList();
    }

    private static List<String> sources() {
        return TOY.stream().map(SentencePair::source).toList();
    }

    private static List<String> references() {
        return TOY.stream().map(SentencePair::target).toList();
    }

    @Test
    void reproducesTheMemorisedPairsCopyingUnknownNames() {
        List<String> out = new GreedyDecoder(NmtForward.of(net), sourceVocab, targetVocab).translate(sources());
        assertEquals(references(), out);
        assertEquals(100.0, Bleu.corpus(out, references()).score(), 1e-9);
    }

    @Test
    void evaluatorScoresTheModelAndTheCopyBaselineOnLeadingPairs() {
        assertEquals(100.0, NmtEvaluator.bleu(net, sourceVocab, targetVocab, TOY, 100).score(), 1e-9);
        // Only the leading pairs count: a wrong reference after the limit changes nothing.
        List<SentencePair> wrongSecond = List.of(TOY.get(6), new SentencePair("open the file", "falsch", "toy"));
        assertEquals(100.0, NmtEvaluator.bleu(net, sourceVocab, targetVocab, wrongSecond, 1).score(), 1e-9);
        assertTrue(NmtEvaluator.bleu(net, sourceVocab, targetVocab, wrongSecond, 2).score() < 100);
        assertTrue(NmtEvaluator.copyBaseline(TOY, 100).score() < 50);
        assertEquals(Bleu.corpus(List.of("open the file"), List.of("Datei öffnen")).score(),
                NmtEvaluator.copyBaseline(TOY, 1).score(), 1e-12);
    }

    @Test
    void untrainedModelStopsAtTheLengthLimit() {
        NmtTrainingOptions o = new NmtTrainingOptions(100, 100, 1, 4, 4, 1, 3, 0.02, 1e9, 5, 1, 1, 0, 10);
        ComputationGraph untrained = SmallNmtTrainer.network(sourceVocab.size(), targetVocab.size(), o);
        List<String> out = new GreedyDecoder(NmtForward.of(untrained), sourceVocab, targetVocab)
                .translate(List.of("open the file", "", "no input files at all today"));
        assertTrue(out.get(0).split(" ").length <= 9, out.get(0));
        assertEquals("", out.get(1));
        assertTrue(out.get(2).split(" ").length <= 14, out.get(2));
        assertFalse(String.join(" ", out).contains("<unk>"));
    }

    @Test
    void weightsAndVocabulariesRoundTripThroughADirectory(@TempDir Path dir) throws IOException {
        Compressors.identity().compress(net).artifact().write(dir.resolve(NmtWeights.MODEL), OuterCompression.ZSTD);
        sourceVocab.write(dir.resolve(NmtWeights.SOURCE_VOCAB));
        targetVocab.write(dir.resolve(NmtWeights.TARGET_VOCAB));
        LoadedNmt loaded = NmtWeights.fromDirectory(dir).orElseThrow();
        assertEquals(references(), new GreedyDecoder(NmtForward.of(loaded.graph()), loaded.sourceVocab(),
                loaded.targetVocab()).translate(sources()));
        targetVocab.write(dir.resolve(NmtWeights.SOURCE_VOCAB));
        if (targetVocab.size() != sourceVocab.size()) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> NmtWeights.fromDirectory(dir));
            assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
        }
        assertTrue(NmtWeights.fromDirectory(dir.resolve("missing")).isEmpty());
    }
}
