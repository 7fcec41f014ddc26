package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.settings.Setting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCliTest {

    @TempDir
    Path dir;

    @Test
    void listShowsEveryNetworkAndSetting() {
        String out = capture(() -> assertEquals(0, StudyCli.execute("list")));
        for (SweepNetwork n : SweepNetwork.all()) {
            assertTrue(out.contains(n.id()), n.id());
        }
        for (Setting s : Setting.values()) {
            assertTrue(out.contains(s.id()), s.id());
        }
        assertTrue(out.contains("138,357,544"), out);
        // the small tier's translation model, after the image networks, committed or skipped with the reason
        assertTrue(out.lines().anyMatch(l -> l.matches("  nmt +nmt +(committed; BLEU on \\d+ catalogs in .+|skipped: .+)")),
                out);
    }

    @Test
    void unknownIdsAndBadShardsAreUsageErrors() {
        assertEquals(2, StudyCli.execute("run", "--networks", "lenet", "--out", dir.toString()));
        assertEquals(2, StudyCli.execute("run", "--shard", "3/2", "--out", dir.toString()));
        assertEquals(2, StudyCli.execute("report", "--out", dir.resolve("nothing").toString()));
    }

    @Test
    void mergeThenReportWritesMarkdownAndCsv() throws Exception {
        Path a = dir.resolve("results-shard-0-of-2.jsonl");
        Path b = dir.resolve("results-shard-1-of-2.jsonl");
        Files.writeString(a, Records.ok("mobilenet_v1", "fp32").toJson() + "\n");
        Files.writeString(b, Records.ok("mobilenet_v1", "fp16").toJson() + "\n");
        capture(() -> assertEquals(0, StudyCli.execute("merge", a.toString(), b.toString(), "--into",
                dir.resolve(StudyCli.RESULTS).toString())));
        capture(() -> assertEquals(0, StudyCli.execute("report", "--out", dir.toString())));
        assertEquals(3, Files.readAllLines(dir.resolve(StudyReport.CSV)).size());
        assertTrue(Files.readString(dir.resolve(StudyReport.MARKDOWN)).contains("| mobilenet_v1 | fp16 |"));
    }

    @Test
    void shardResultFilesAreNamedByShard() {
        assertEquals(dir.resolve("results.jsonl"), StudyCli.resultFile(dir, Shard.ALL));
        assertEquals(dir.resolve("results-shard-2-of-4.jsonl"), StudyCli.resultFile(dir, new Shard(2, 4)));
    }

    private static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
