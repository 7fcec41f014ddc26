package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the study CLI as a real child process on a tiny plan (two tiny networks x three settings),
 * kills it once the first cell is on disk, checks its worker JVM dies with it, reruns it and checks
 * every cell is present exactly once with the pre-kill lines untouched.
 */
class SweepRunnerKillResumeTest {

    private static final List<String> EXPECTED = List.of("tiny_cnn/fp32/full", "tiny_cnn/fp16/full",
            "tiny_cnn/bf16/full", "tiny_nmt/fp32/full", "tiny_nmt/fp16/full", "tiny_nmt/bf16/full");

    @TempDir
    Path dir;

    @Test
    void killedRunResumesWithEveryCellExactlyOnce() throws Exception {
        Path out = dir.resolve("out");
        Path results = out.resolve(StudyCli.RESULTS);

        Process first = start(dir.resolve("first.log"), out);
        List<String> before;
        List<ProcessHandle> workers;
        try {
            waitForCompleteLines(results, 1, first);
            workers = first.descendants().toList();
        } finally {
            first.destroyForcibly();
        }
        first.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle w : workers) {
            w.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(w.isAlive(), "worker " + w.pid() + " outlived its killed runner");
        }
        before = completeLines(results);
        assertTrue(before.size() >= 1 && before.size() < EXPECTED.size(), "lines before rerun: " + before.size());

        Process second = start(dir.resolve("second.log"), out);
        assertTrue(second.waitFor(240, TimeUnit.SECONDS), "rerun did not finish; log: " + log(dir.resolve("second.log")));
        assertEquals(0, second.exitValue(), log(dir.resolve("second.log")));

        List<String> after = Files.readAllLines(results);
        assertEquals(before, after.subList(0, before.size()), "pre-kill lines changed");
        List<String> keys = new ArrayList<>();
        for (String line : after) {
            CellRecord r = CellRecord.fromJson(line);
            assertTrue(r.ok(), "cell failed: " + r.key() + ": " + r.error());
            assertEquals(8, r.largeBatchLatency().batchSize(), "the run's default larger batch");
            assertTrue(r.weightBytes() > 0, "weight memory of " + r.key());
            assertTrue(r.provenance().containsKey("host.cpus"), r.provenance().toString());
            keys.add(r.key().toString());
        }
        assertEquals(EXPECTED.size(), keys.size(), "cells: " + keys);
        assertEquals(new HashSet<>(EXPECTED), new HashSet<>(keys));
        assertTrue(log(dir.resolve("second.log")).contains("were already present"), log(dir.resolve("second.log")));
    }

    private static Process start(Path log, Path out) throws IOException {
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), StudyCli.class.getName(),
                "run", "--full", "--networks", "tiny_cnn,tiny_nmt", "--settings", "fp32,fp16,bf16", "--out", out.toString(),
                "--warmup", "0", "--iterations", "1", "--jvm-arg=-Xmx768m", "--no-report");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitForCompleteLines(Path file, int n, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (completeLines(file).size() < n) {
            assertTrue(p.isAlive(), "runner exited early with " + (p.isAlive() ? "" : p.exitValue()));
            assertTrue(System.nanoTime() < deadline, "no cell line appeared in time");
            Thread.sleep(100);
        }
    }

    private static List<String> completeLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    private static String log(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(no log)";
    }

    static Set<String> expected() {
        return new HashSet<>(EXPECTED);
    }
}
