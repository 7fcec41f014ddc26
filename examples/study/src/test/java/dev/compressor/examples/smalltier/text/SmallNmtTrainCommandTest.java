package dev.compressor.examples.smalltier.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.api.testdata.Tickers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SmallNmtTrainCommandTest {

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SmallNmtTrainCommand());
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        String[] r = run("--units", "0");
        assertNotEquals("0", r[0]);
        assertTrue(r[1].contains("units must be >= 1, got 0"), r[1]);
        r = run("--minutes", "-1");
        assertTrue(r[1].contains("minutes must be positive and finite, got -1.0"), r[1]);
        r = run("--minutes", "soon");
        assertNotEquals("0", r[0]);
        assertTrue(r[1].contains("soon"), r[1]);
        r = run("--test-pairs", "-3");
        assertTrue(r[1].contains("-3"), r[1]);
        r = run("--no-such-option");
        assertEquals("2", r[0]);
        r = run("--catalogs", "/nonexistent/catalogs", "--max-iterations", "1");
        assertNotEquals("0", r[0]);
        assertTrue(r[1].contains("/nonexistent/catalogs"), r[1]);
    }

    @Test
    void trainsOnTheSedCatalogAndWritesModelVocabulariesAndRecord(@TempDir Path dir) throws IOException {
        Path catalogs = Files.createDirectories(dir.resolve("mo"));
        Files.write(catalogs.resolve("sed.mo"), MoCatalogTest.resource("sed.mo"));
        Path out = dir.resolve("out");
        String[] r = run("--catalogs", catalogs.toString(), "--out", out.toString(), "--max-iterations", "3",
                "--batch", "8", "--embedding", "8", "--units", "8", "--layers", "1", "--source-vocab", "300",
                "--target-vocab", "300", "--min-count", "1", "--test-pairs", "4");
        assertEquals("0", r[0], r[1]);
        String json = Files.readString(out.resolve(NmtWeights.RECORD));
        assertTrue(json.contains("\"iterations\":3,"), json);
        assertTrue(json.contains("\"testPairs\":4,"), json);
        assertTrue(json.contains("\"baselineBleu\":"), json);
        assertTrue(json.contains("1 catalogs in " + catalogs), json);
        LoadedNmt loaded = NmtWeights.fromDirectory(out).orElseThrow();
        assertEquals(Vocabulary.read(out.resolve(NmtWeights.TARGET_VOCAB)).size(), loaded.targetVocab().size());
    }

    @Test
    void trainerStopsAtTheIterationThatReachesTheBudget() throws IOException {
        List<SentencePair> pairs = new SentenceFilter(30).pairs(MoCatalog.parse(MoCatalogTest.resource("sed.mo"), "sed.mo"));
        long[] now = {0};
        List<String> log = new ArrayList<>();
        // Each clock reading advances a minute; a 2.5-minute budget ends after the third iteration.
        SmallNmtTrainer trainer = new SmallNmtTrainer(Tickers.of(() -> (now[0]++) * 60_000_000_000L), log::add);
        NmtTrainingOptions o = new NmtTrainingOptions(300, 300, 1, 8, 8, 1, 8, 0.01, 100, 5, 1, 2.5, 0, 40);
        TrainedNmt t = trainer.train(pairs.subList(10, pairs.size()), pairs.subList(0, 10), 3, o);
        assertEquals(3, t.iterations());
        assertEquals(3, t.testPairs());
        assertEquals(NmtEvaluator.copyBaseline(pairs.subList(0, 10), 3).score(), t.baseline().score(), 1e-12);
        assertTrue(log.get(0).contains("parameters"), log.get(0));
        assertThrows(IllegalArgumentException.class, () -> trainer.train(List.of(), pairs, 1, o));
    }

    @Test
    void sameSeedAndIterationsGiveTheSameWeights() throws IOException {
        List<SentencePair> pairs = new SentenceFilter(30).pairs(MoCatalog.parse(MoCatalogTest.resource("sed.mo"), "sed.mo"));
        NmtTrainingOptions o = new NmtTrainingOptions(300, 300, 1, 8, 8, 1, 8, 0.01, 100, 5, 5, 60, 4, 40);
        TrainedNmt a = new SmallNmtTrainer(Ticker.systemTicker(), line -> { }).train(pairs, pairs, 1, o);
        TrainedNmt b = new SmallNmtTrainer(Ticker.systemTicker(), line -> { }).train(pairs, pairs, 1, o);
        assertEquals(4, a.iterations());
        assertEquals(a.graph().params(), b.graph().params());
        NmtTrainingOptions other = new NmtTrainingOptions(300, 300, 1, 8, 8, 1, 8, 0.01, 100, 5, 6, 60, 4, 40);
        assertNotEquals(a.graph().params(),
                new SmallNmtTrainer(Ticker.systemTicker(), line -> { }).train(pairs, pairs, 1, other)
                .graph().params());
    }
}
