package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {

    @TempDir
    Path dir;

    @Test
    void appendedRecordsAreReadBackByANewStore() throws IOException {
        Path f = dir.resolve("sub/results.jsonl");
        try (ResultStore s = ResultStore.open(f)) {
            assertTrue(s.append(Records.ok("a", "fp32")));
            assertTrue(s.append(CellRecord.failed(new CellKey("a", "fp16", "full"), "boom")));
            assertFalse(s.append(Records.ok("a", "fp32")), "a present cell is not written twice");
        }
        assertEquals(2, Files.readAllLines(f).size());
        try (ResultStore s = ResultStore.open(f)) {
            assertTrue(s.contains(new CellKey("a", "fp16", "full")));
            assertEquals(Records.ok("a", "fp32"), s.records().get(0));
        }
    }

    @Test
    void tornLastLineIsCutOffAndAppendingContinuesOnAFreshLine() throws IOException {
        Path f = dir.resolve("r.jsonl");
        String first = Records.ok("a", "fp32").toJson();
        String torn = Records.ok("a", "fp16").toJson().substring(0, 40);
        Files.writeString(f, first + "\n" + torn, StandardCharsets.UTF_8);
        try (ResultStore s = ResultStore.open(f)) {
            assertEquals(1, s.records().size());
            assertFalse(s.contains(new CellKey("a", "fp16", "full")));
            s.append(Records.ok("a", "fp16"));
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(List.of(first, Records.ok("a", "fp16").toJson()), lines);
    }

    @Test
    void unreadableCompleteLineIsSkippedNotFatal() throws IOException {
        Path f = dir.resolve("r.jsonl");
        Files.writeString(f, "garbage\n" + Records.ok("b", "bf16").toJson() + "\n", StandardCharsets.UTF_8);
        assertEquals(List.of(Records.ok("b", "bf16")), ResultStore.read(f));
    }

    @Test
    void successSupersedesFailureButNotTheOtherWayRound() throws IOException {
        Path f = dir.resolve("r.jsonl");
        CellKey k = new CellKey("a", "fp32", "full");
        try (ResultStore s = ResultStore.open(f)) {
            assertTrue(s.append(CellRecord.failed(k, "first try")));
            assertFalse(s.succeeded(k));
            assertFalse(s.append(CellRecord.failed(k, "second try")));
            assertTrue(s.append(Records.ok("a", "fp32")));
            assertTrue(s.succeeded(k));
            assertFalse(s.append(CellRecord.failed(k, "third try")));
        }
        assertEquals(2, Files.readAllLines(f).size());
        assertEquals(List.of(Records.ok("a", "fp32")), ResultStore.read(f));
        try (ResultStore s = ResultStore.open(f)) {
            assertTrue(s.succeeded(k));
        }
    }

    @Test
    void secondOpenOfTheSameFileIsRefused() throws IOException {
        Path f = dir.resolve("r.jsonl");
        try (ResultStore s = ResultStore.open(f)) {
            assertTrue(s.records().isEmpty());
            IOException e = assertThrows(IOException.class, () -> ResultStore.open(f));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
    }

    @Test
    void mergeKeepsOneRecordPerCellPreferringSuccess() throws IOException {
        Path a = dir.resolve("shard0.jsonl");
        Path b = dir.resolve("shard1.jsonl");
        Files.writeString(a, CellRecord.failed(new CellKey("n", "fp16", "full"), "x").toJson() + "\n"
                + Records.ok("n", "fp32").toJson() + "\n");
        Files.writeString(b, Records.ok("n", "fp16").toJson() + "\n" + Records.ok("n", "fp32").toJson() + "\n"
                + Records.ok("n", "bf16").toJson() + "\n");
        Path out = dir.resolve("merged.jsonl");
        assertEquals(3, ResultStore.merge(List.of(a, b), out));
        List<CellRecord> merged = ResultStore.read(out);
        assertEquals(3, merged.size());
        assertTrue(merged.stream().allMatch(CellRecord::ok), merged.toString());
        assertEquals(3, Files.readAllLines(out).size());
        assertThrows(IllegalArgumentException.class, () -> ResultStore.merge(List.of(out), out));
    }

    @Test
    void writtenLineIsOnDiskBeforeAppendReturns() throws IOException {
        Path f = dir.resolve("r.jsonl");
        try (ResultStore s = ResultStore.open(f)) {
            s.append(Records.ok("a", "fp32"));
            // read through an independent channel while the store is still open
            assertEquals(1, Files.readAllLines(f).size());
        }
    }
}
