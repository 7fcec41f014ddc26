package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.settings.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {

    @TempDir
    Path dir;

    @Test
    void childThatCannotStartLeavesFailedCellsAndTheSweepGoesOn() throws Exception {
        SweepPlan plan = new SweepPlan(List.of(SweepNetwork.byId("tiny_cnn"), SweepNetwork.byId("tiny_nmt")),
                List.of(Setting.FP32, Setting.FP16), CellKey.FULL);
        SweepOptions options = new SweepOptions(1, 0, 1, null, 0, false, false,
                List.of("-XX:+NoSuchJvmFlagForThisTest"));
        Path file = dir.resolve("r.jsonl");
        SweepRunner.Summary s = new SweepRunner(options).run(plan, Shard.ALL, file);
        assertEquals(new SweepRunner.Summary(4, 0, 0, 4), s);
        List<CellRecord> recs = ResultStore.read(file);
        assertEquals(4, recs.size());
        for (CellRecord r : recs) {
            assertFalse(r.ok());
            assertTrue(r.error().contains("exited with status 1"), r.error());
        }
        // a rerun finds every cell present and starts nothing
        assertEquals(new SweepRunner.Summary(4, 4, 0, 4), new SweepRunner(options).run(plan, Shard.ALL, file));
    }

    @Test
    void retryFailedMeasuresAFailedCellAgainAndTheSuccessSupersedesIt() throws Exception {
        SweepPlan plan = new SweepPlan(List.of(SweepNetwork.byId("tiny_cnn")), List.of(Setting.FP32), CellKey.FULL);
        Path file = dir.resolve("retry.jsonl");
        new SweepRunner(new SweepOptions(1, 0, 1, null, 0, false, false, List.of("-XX:+NoSuchJvmFlagForThisTest")))
                .run(plan, Shard.ALL, file);
        assertFalse(ResultStore.read(file).get(0).ok());
        SweepOptions retry = new SweepOptions(1, 0, 1, null, 0, false, true, List.of("-Xmx512m"));
        assertEquals(new SweepRunner.Summary(1, 1, 1, 0), new SweepRunner(retry).run(plan, Shard.ALL, file));
        assertEquals(2, java.nio.file.Files.readAllLines(file).size(), "the failure line stays, the success follows");
        List<CellRecord> recs = ResultStore.read(file);
        assertEquals(1, recs.size());
        assertTrue(recs.get(0).ok(), String.valueOf(recs.get(0).error()));
        // nothing left to retry: a third run starts no child and writes nothing
        assertEquals(new SweepRunner.Summary(1, 1, 1, 0), new SweepRunner(retry).run(plan, Shard.ALL, file));
        assertEquals(2, java.nio.file.Files.readAllLines(file).size());
    }

    @Test
    void theTimeBudgetReachesTheChildJvm() throws Exception {
        SweepPlan plan = new SweepPlan(List.of(SweepNetwork.byId("tiny_cnn")), List.of(Setting.FP32), CellKey.FULL);
        Path file = dir.resolve("budget.jsonl");
        // a budget of 1 ns is spent after the first inference: each batch size stops at the minimum count
        SweepOptions options = new SweepOptions(1, 0, 20, java.time.Duration.ofNanos(1), 2, false, false,
                List.of("-Xmx512m"));
        assertEquals(new SweepRunner.Summary(1, 0, 1, 0), new SweepRunner(options).run(plan, Shard.ALL, file));
        CellRecord r = ResultStore.read(file).get(0);
        assertEquals(SweepOptions.MIN_MEASURED_IN_BUDGET, r.latency().count());
        assertEquals(SweepOptions.MIN_LARGE_BATCH_IN_BUDGET, r.largeBatchLatency().count());
    }

    @Test
    void aSecondRunOnTheSameFileFailsAtOnceNamingIt() throws Exception {
        SweepPlan plan = new SweepPlan(List.of(SweepNetwork.byId("tiny_cnn")), List.of(Setting.FP32), CellKey.FULL);
        Path file = dir.resolve("busy.jsonl");
        SweepOptions options = new SweepOptions(1, 0, 1, null, 0, false, false,
                List.of("-XX:+NoSuchJvmFlagForThisTest"));
        try (RunLock first = RunLock.acquire(file)) {
            IOException e = assertThrows(IOException.class, () -> new SweepRunner(options).run(plan, Shard.ALL, file));
            assertTrue(e.getMessage().contains("another study run is writing " + file), e.getMessage());
            assertFalse(Files.exists(file) && Files.size(file) > 0, "nothing written");
        }
        // once the first run has ended, the same file is free again
        assertEquals(new SweepRunner.Summary(1, 0, 0, 1), new SweepRunner(options).run(plan, Shard.ALL, file));
    }

    @Test
    void aWorkerThatFindsTheStoreLockedExitsAtOnceWithTheReason() throws Exception {
        Path file = dir.resolve("locked.jsonl");
        try (ResultStore held = ResultStore.open(file)) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), SweepWorker.class.getName(),
                    "--out", file.toString(), "--network", "tiny_cnn", "--settings", "fp32", "--tier", "full")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the worker exits instead of sitting idle");
            String log = Files.readString(dir.resolve("worker.log"));
            assertEquals(SweepWorker.FAILED, p.exitValue(), log);
            assertTrue(log.contains("is already open for writing by another store or process"), log);
        }
    }

    @Test
    void shardRunsOnlyItsCells() throws Exception {
        SweepPlan plan = new SweepPlan(List.of(SweepNetwork.byId("tiny_cnn")),
                List.of(Setting.FP32, Setting.FP16, Setting.BF16), CellKey.FULL);
        Path file = dir.resolve("s.jsonl");
        SweepOptions options = new SweepOptions(1, 0, 1, null, 0, false, false,
                List.of("-XX:+NoSuchJvmFlagForThisTest"));
        new SweepRunner(options).run(plan, new Shard(1, 2), file);
        List<CellRecord> recs = ResultStore.read(file);
        assertEquals(1, recs.size());
        assertEquals("tiny_cnn/fp16/full", recs.get(0).key().toString());
    }
}
