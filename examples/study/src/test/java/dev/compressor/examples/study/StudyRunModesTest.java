package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code study run}: quick unless --full, and --shard auto from a fleet launcher's environment. */
class StudyRunModesTest {

    @TempDir
    Path dir;

    @Test
    void runIsQuickUnlessFullIsAsked() throws Exception {
        String[] cell = {"--networks", "tiny_cnn", "--settings", "fp32", "--warmup", "1", "--iterations", "8",
            "--jvm-arg=-Xmx768m", "--no-report"};
        assertEquals(0, StudyCli.execute(concat(new String[] {"run", "--out", dir.resolve("q").toString()}, cell)));
        assertEquals(0, StudyCli.execute(concat(new String[] {"run", "--full", "--out", dir.resolve("f").toString()},
                cell)));
        CellRecord quick = ResultStore.read(dir.resolve("q").resolve(StudyCli.RESULTS)).get(0);
        CellRecord full = ResultStore.read(dir.resolve("f").resolve(StudyCli.RESULTS)).get(0);
        // the two protocols differ in what they measure: fidelity images and the batch-8 throughput
        assertEquals(SweepOptions.QUICK.fidelityImages(), quick.fidelity().positions());
        assertEquals(SweepOptions.FULL.fidelityImages(), full.fidelity().positions());
        assertEquals(null, quick.largeBatchLatency());
        assertEquals(SweepOptions.FULL.largeBatch(), full.largeBatchLatency().batchSize());
    }

    @Test
    void fullAndQuickTogetherAreAUsageError() {
        assertEquals(2, StudyCli.execute("run", "--full", "--quick", "--out", dir.toString()));
    }

    @Test
    void aKubernetesIndexedJobGivesTheIndexAndShardsTheCount() {
        assertEquals(new Shard(3, 8), ShardFromLauncher.find(Map.of("JOB_COMPLETION_INDEX", "3"), 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShardFromLauncher.find(Map.of("JOB_COMPLETION_INDEX", "3"), null));
        assertTrue(e.getMessage().contains("--shards N"), e.getMessage());
    }

    @Test
    void aSlurmArrayGivesIndexFromItsMinimumAndTheCount() {
        Map<String, String> oneBased = Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_COUNT", "4");
        assertEquals(new Shard(0, 4), ShardFromLauncher.find(oneBased, null));
        assertEquals(new Shard(2, 4), ShardFromLauncher.find(Map.of("SLURM_ARRAY_TASK_ID", "2",
                "SLURM_ARRAY_TASK_COUNT", "4"), 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShardFromLauncher.find(oneBased, 5));
        assertTrue(e.getMessage().contains("--shards 5 disagrees with SLURM_ARRAY_TASK_COUNT=4"), e.getMessage());
    }

    @Test
    void autoWithoutALauncherOrWithABadValueNamesTheVariables() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ShardFromLauncher.find(Map.of(), null));
        assertTrue(none.getMessage().contains("JOB_COMPLETION_INDEX") && none.getMessage().contains("SLURM_ARRAY_TASK_ID"),
                none.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ShardFromLauncher.find(Map.of("JOB_COMPLETION_INDEX", "x"), 2));
        assertTrue(bad.getMessage().contains("JOB_COMPLETION_INDEX must be an integer, got 'x'"), bad.getMessage());
    }

    @Test
    void theCommandLineReadsTheLaunchersEnvironment() {
        StudyCli.Run run = new StudyCli.Run();
        new CommandLine(run).parseArgs("--shard", "auto", "--shards", "8");
        run.environment = Map.of("JOB_COMPLETION_INDEX", "5");
        assertEquals(new Shard(5, 8), run.shard());
        StudyCli.Run explicit = new StudyCli.Run();
        new CommandLine(explicit).parseArgs("--shard", "1/4", "--shards", "4");
        assertThrows(IllegalArgumentException.class, explicit::shard);
        org.junit.jupiter.api.Assumptions.assumeTrue(!System.getenv().containsKey("JOB_COMPLETION_INDEX")
                && !System.getenv().containsKey("SLURM_ARRAY_TASK_ID"), "this JVM runs under a fleet launcher");
        assertEquals(2, StudyCli.execute("run", "--shard", "auto", "--out", dir.toString()));
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> all = new java.util.ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
