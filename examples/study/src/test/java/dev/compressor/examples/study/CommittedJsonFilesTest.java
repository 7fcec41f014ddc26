package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every result file committed under the repository's {@code docs/} and every small-tier training
 * record next to the committed weights reads with today's JSON code: each line of a results file is
 * one cell record, and each record written again reads back equal.
 */
class CommittedJsonFilesTest {

    private static final Path DOCS = Path.of("../../docs");
    private static final Path WEIGHTS = Path.of("src/main/resources/smalltier/weights");

    @Test
    void everyLineOfEveryCommittedResultsFileIsOneRecordThatRoundTrips() throws IOException {
        List<Path> files = jsonFiles(DOCS, ".jsonl");
        List<String> names = files.stream().map(f -> DOCS.relativize(f).toString().replace('\\', '/'))
                .collect(Collectors.toList());
        for (String expected : List.of("full-study/results.jsonl", "full-tier-sample/results.jsonl",
                "quick-study/results.jsonl", "small-tier/results.jsonl", "small-tier/int8-channel-10k-results.jsonl")) {
            assertTrue(names.contains(expected), expected + " among " + names);
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).collect(Collectors.toList());
            assertFalse(lines.isEmpty(), f + " is empty");
            List<CellRecord> records = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int n = i + 1;
                CellRecord r = assertParses(f, n, line);
                records.add(r);
                assertEquals(r, CellRecord.fromJson(r.toJson()), () -> f + " line " + n + " written again");
            }
            assertEquals(lines.size(), records.size(), f + ": one record per line");
        }
    }

    @Test
    void everyCommittedTrainingRecordGivesItsFieldsAsProvenance() throws IOException {
        List<Path> records = jsonFiles(WEIGHTS, ".json");
        assertEquals(11, records.size(), "ten image networks and nmt: " + records);
        for (Path f : records) {
            String id = f.getFileName().toString().replaceFirst("\\.json$", "");
            Map<String, String> p = WeightsProvenance.of(id, WEIGHTS);
            assertFalse(p.containsKey("weights.jsonError"), () -> f + ": " + p.get("weights.jsonError"));
            assertFalse(p.containsKey("weights.json"), () -> f + " missing");
            assertTrue(p.get("weights.date").startsWith("20"), () -> f + ": " + p);
            assertTrue(p.get("weights.seed").matches("\\d+"), () -> f + ": " + p);
            assertTrue(Double.parseDouble(p.get("weights.learningRate")) > 0, () -> f + ": " + p);
        }
    }

    private static CellRecord assertParses(Path f, int lineNo, String line) {
        try {
            return CellRecord.fromJson(line);
        } catch (RuntimeException e) {
            throw new AssertionError(f + " line " + lineNo + " does not read: " + e.getMessage(), e);
        }
    }

    private static List<Path> jsonFiles(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted()
                    .collect(Collectors.toList());
        }
    }
}
