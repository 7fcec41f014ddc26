package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {

    @TempDir
    Path dir;

    @Test
    void childThatCannotStartLeavesFailedCellsAndTheSweepGoesOn() throws Exception {
        SweepPlan plan = new SweepPlan(List.of(SweepNetwork.byId("tiny_cnn"), SweepNetwork.byId("tiny_nmt")),
                List.of(Setting.FP32, Setting.FP16), CellKey.FULL);
        SweepOptions options = new SweepOptions(1, 0, 1, 0, false, List.of("-XX:+NoSuchJvmFlagForThisTest"));
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
    void shardRunsOnlyItsCells() throws Exception {
        SweepPlan plan = new SweepPlan(List.of(SweepNetwork.byId("tiny_cnn")),
                List.of(Setting.FP32, Setting.FP16, Setting.BF16), CellKey.FULL);
        Path file = dir.resolve("s.jsonl");
        SweepOptions options = new SweepOptions(1, 0, 1, 0, false, List.of("-XX:+NoSuchJvmFlagForThisTest"));
        new SweepRunner(options).run(plan, new Shard(1, 2), file);
        List<CellRecord> recs = ResultStore.read(file);
        assertEquals(1, recs.size());
        assertEquals("tiny_cnn/fp16/full", recs.get(0).key().toString());
    }
}
