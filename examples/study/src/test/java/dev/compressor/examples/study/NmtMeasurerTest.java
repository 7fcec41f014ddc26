package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.smalltier.text.EncodedPair;
import dev.compressor.examples.smalltier.text.LoadedNmt;
import dev.compressor.examples.smalltier.text.NmtCorpus;
import dev.compressor.examples.smalltier.text.NmtEvaluator;
import dev.compressor.examples.smalltier.text.NmtTrainingOptions;
import dev.compressor.examples.smalltier.text.NmtWeights;
import dev.compressor.examples.smalltier.text.ParallelCorpus;
import dev.compressor.examples.smalltier.text.SentenceFilter;
import dev.compressor.examples.smalltier.text.SmallNmtTrainer;
import dev.compressor.examples.smalltier.text.Tokenizer13a;
import dev.compressor.examples.smalltier.text.TrainedNmt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Real translation cells: a tiny attention model trained here on GNU sed's German catalog (the
 * committed test fixture; no /usr/share/locale needed), compressed, restored and scored by BLEU.
 */
class NmtMeasurerTest {

    @TempDir
    static Path shared;

    static Path catalogs;
    static Path weights;
    static ParallelCorpus corpus;
    static TrainedNmt tiny;

    /** Copies the committed sed.mo fixture into a fresh catalog directory. */
    static Path sedCatalogs(Path parent) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("mo"));
        try (InputStream in = NmtMeasurerTest.class.getResourceAsStream("/smalltier/mo/sed.mo")) {
            Files.write(dir.resolve("sed.mo"), in.readAllBytes());
        }
        return dir;
    }

    @BeforeAll
    static void trainATinyModel() throws IOException {
        catalogs = sedCatalogs(shared);
        corpus = ParallelCorpus.fromCatalogs(ParallelCorpus.catalogsIn(catalogs), new SentenceFilter(NmtCorpus.MAX_WORDS),
                NmtCorpus.SPLIT_SEED, NmtCorpus.TEST_FRACTION);
        NmtTrainingOptions o = new NmtTrainingOptions(300, 300, 1, 8, 8, 1, 8, 0.01, 100, 5, 1, 60, 4, 40);
        tiny = new SmallNmtTrainer(Ticker.systemTicker(), line -> { }).train(corpus.train(), corpus.test(), 1, o);
        weights = Files.createDirectories(shared.resolve("weights"));
        Compressors.identity().compress(tiny.graph()).artifact().write(weights.resolve(NmtWeights.MODEL),
                OuterCompression.ZSTD);
        tiny.sourceVocab().write(weights.resolve(NmtWeights.SOURCE_VOCAB));
        tiny.targetVocab().write(weights.resolve(NmtWeights.TARGET_VOCAB));
        Files.writeString(weights.resolve(NmtWeights.RECORD), "{\"network\":\"nmt\",\"seed\":1,\"iterations\":4,"
                + "\"trainPairs\":" + corpus.train().size() + ",\"date\":\"2026-11-29T09:00:00Z\"}\n");
    }

    @Test
    void measuresBleuOfEverySettingAgainstFp32OnTheSamePairsAndRecordsFailures() throws Exception {
        assertTrue(corpus.test().size() >= 3, "sed.mo gives test pairs: " + corpus.test().size());
        int pairs = Math.min(5, corpus.test().size());
        Path file = shared.resolve("measure.jsonl");
        Path work = Files.createDirectories(shared.resolve("work"));
        NmtMeasurer m = new NmtMeasurer(5, weights, catalogs, work, Ticker.systemTicker(), Map.of("jvm", "test"), false,
                FineTuningInputs.DEFAULT_BUDGET);
        List<Setting> settings = List.of(Setting.FP32, Setting.INT8_CHANNEL, Setting.CHANNEL25, Setting.INT8_ACT_MINMAX);
        try (ResultStore store = ResultStore.open(file)) {
            m.measure(settings, store);
        }
        Map<String, CellRecord> recs = ResultStore.read(file).stream()
                .collect(Collectors.toMap(r -> r.key().setting(), r -> r));
        assertEquals(4, recs.size(), recs.keySet().toString());

        double fp32Bleu = NmtEvaluator.bleu(tiny.graph(), tiny.sourceVocab(), tiny.targetVocab(), corpus.test(), pairs).score();
        double copy = NmtEvaluator.copyBaseline(corpus.test(), pairs).score();
        CellRecord fp32 = recs.get("fp32");
        assertTrue(fp32.ok(), fp32.error());
        assertEquals(new CellKey("nmt", "fp32", "small"), fp32.key());
        assertNotNull(fp32.translation());
        assertEquals(fp32Bleu, fp32.translation().fp32Bleu(), 1e-9, "fp32 BLEU of the loaded model on the same pairs");
        assertEquals(fp32.translation().fp32Bleu(), fp32.translation().bleu(), 1e-12, "identity keeps every translation");
        assertEquals(copy, fp32.translation().copyBaselineBleu(), 1e-12);
        assertEquals(pairs, fp32.translation().testPairs());
        assertEquals("1 catalogs in " + catalogs, fp32.translation().dataSource());
        assertTrue(fp32.translation().detail().startsWith("BLEU = "), fp32.translation().detail());
        assertEquals("4", fp32.provenance().get("weights.iterations"));
        assertEquals("unknown", fp32.provenance().get("weights.commit"), "a temporary folder is no git repository");
        assertEquals("test", fp32.provenance().get("jvm"));
        assertTrue(fp32.referenceBytes() > 0 && fp32.artifactBytes().get("ZSTD") > 0, fp32.toString());
        assertEquals(tiny.graph().numParams(), fp32.parameterCount());

        CellRecord int8 = recs.get("int8_channel");
        assertTrue(int8.ok(), int8.error());
        assertEquals(fp32Bleu, int8.translation().fp32Bleu(), 1e-9);
        assertTrue(int8.artifactBytes().get("NONE") < fp32.artifactBytes().get("NONE"),
                "int8 stores fewer bytes than fp32: " + int8.artifactBytes() + " vs " + fp32.artifactBytes());
        CellRecord act = recs.get("int8_act_minmax");
        assertTrue(act.ok(), act.error());
        assertTrue(act.translation().bleu() >= 0 && act.translation().bleu() <= 100);
        CellRecord channel = recs.get("channel25");
        assertFalse(channel.ok(), "structured channel pruning finds nothing to remove in an LSTM/attention graph");
        assertFalse(channel.failed(), String.valueOf(channel.error()));
        assertTrue(channel.notApplicable().contains("channel25 found no channel it may remove in this network"),
                channel.notApplicable());

        // a second run finds every cell and measures nothing again
        long lines = Files.readAllLines(file).size();
        try (ResultStore store = ResultStore.open(file)) {
            m.measure(settings, store);
        }
        assertEquals(lines, Files.readAllLines(file).size());
    }

    @Test
    void fineTunedPruningTrainsTheTranslationModelOnItsTrainingPairsWithinTheBudget() throws Exception {
        Path file = shared.resolve("fine-tuned.jsonl");
        Path work = Files.createDirectories(shared.resolve("work-ft"));
        NmtMeasurer m = new NmtMeasurer(5, weights, catalogs, work, Ticker.systemTicker(), Map.of(), false,
                dev.compressor.api.training.FineTuningBudget.epochs(1));
        try (ResultStore store = ResultStore.open(file)) {
            m.measure(List.of(Setting.PRUNE50_FT), store);
        }
        CellRecord r = ResultStore.read(file).get(0);
        assertTrue(r.ok(), r.error());
        assertNotNull(r.translation());
        assertEquals("1", r.provenance().get("fineTuning.epochs"), r.provenance().toString());
        assertEquals("epochs", r.provenance().get("fineTuning.stoppedBy"));
        assertEquals(NmtMeasurer.trainingBatches(corpus.train(), NmtWeights.fromDirectory(weights).orElseThrow())
                .next().getFeatures().length, 2, "encoder and decoder inputs");
        assertTrue(Long.parseLong(r.provenance().get("fineTuning.iterations")) >= 1, r.provenance().toString());
        assertEquals(Setting.PRUNE50_FT.description(), r.settingDescription());
    }

    @Test
    void calibrationInputsAreTheLeadingTrainingPairsNeverTestPairs() throws IOException {
        LoadedNmt loaded = NmtWeights.fromDirectory(weights).orElseThrow();
        INDArray[] c = NmtMeasurer.calibration(corpus.train(), loaded);
        assertEquals(2, c.length, "source and target_in");
        long n = Math.min(NmtMeasurer.CALIBRATION_PAIRS, corpus.train().size());
        assertEquals(n, c[0].size(0));
        assertEquals(n, c[1].size(0));
        EncodedPair first = EncodedPair.of(corpus.train().get(0), new Tokenizer13a(), loaded.sourceVocab(),
                loaded.targetVocab());
        for (int j = 0; j < first.source().length; j++) {
            assertEquals(first.source()[j], c[0].getInt(0, 0, j), "source token " + j);
        }
    }

    @Test
    void missingCatalogsFailEveryCellWithTheReason(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("none"));
        Path file = dir.resolve("r.jsonl");
        try (ResultStore store = ResultStore.open(file)) {
            new NmtMeasurer(5, weights, empty, dir, Ticker.systemTicker(), Map.of(), false, FineTuningInputs.DEFAULT_BUDGET)
                    .measure(List.of(Setting.FP32, Setting.FP16), store);
        }
        List<CellRecord> recs = ResultStore.read(file);
        assertEquals(2, recs.size());
        for (CellRecord r : recs) {
            assertFalse(r.ok());
            assertTrue(r.error().contains("no German catalogs (*.mo) in " + empty), r.error());
        }
    }
}
