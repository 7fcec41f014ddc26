package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.settings.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A real small-tier run: the committed vgg8 weights, 500 test images, through the CLI and a child JVM. */
class SmallTierRunTest {

    @TempDir
    Path dir;

    @Test
    void cliMeasuresSmallCellsInAChildJvmResumablyAndReportsThem() throws Exception {
        List<String> skipped = SmallTierPlan.all(List.of(Setting.FP32), 0).skipped().keySet().stream()
                .filter(id -> !id.equals("nmt")).toList();
        String networks = "vgg8" + (skipped.isEmpty() ? "" : "," + skipped.get(0));
        String[] args = {"run", "--tier", "small", "--networks", networks, "--settings",
            "fp32,int8_channel,int8_act_minmax", "--test-examples", "500", "--out", dir.toString(),
            "--jvm-arg", "-Xmx1g"};
        assertEquals(0, StudyCli.execute(args));
        Map<String, CellRecord> recs = ResultStore.read(dir.resolve(StudyCli.RESULTS)).stream()
                .collect(Collectors.toMap(r -> r.key().toString(), r -> r));
        assertEquals(3, recs.size(), recs.keySet().toString());
        CellRecord fp32 = recs.get("vgg8/fp32/small");
        assertTrue(fp32.ok(), fp32.error());
        assertEquals(500, fp32.accuracy().testExamples());
        assertEquals(fp32.accuracy().fp32Top1(), fp32.accuracy().top1(), "identity keeps every prediction");
        assertTrue(fp32.accuracy().top1() > 0.75, "trained vgg8 on 500 test images: " + fp32.accuracy());
        CellRecord int8 = recs.get("vgg8/int8_channel/small");
        assertTrue(int8.ok(), int8.error());
        assertTrue(Math.abs(int8.accuracy().top1DeltaPoints()) <= 2.0, int8.accuracy().toString());
        assertTrue(int8.ratio("ZSTD") > 2.5, "int8 vs the fp32 file: " + int8.ratio("ZSTD"));
        assertTrue(int8.provenance().get("weights.date").startsWith("2026-"), int8.provenance().toString());
        assertNotNull(int8.provenance().get("weights.commit"));
        CellRecord act = recs.get("vgg8/int8_act_minmax/small");
        assertTrue(act.ok(), act.error());
        assertTrue(act.accuracy().top1() > 0.5, act.accuracy().toString());
        String report = Files.readString(dir.resolve(StudyReport.MARKDOWN));
        assertTrue(report.contains("## Accuracy on real data (small tier)"), report);
        assertTrue(report.contains("| vgg8/int8_channel/small |"), report);
        String notMeasured = report.lines().filter(l -> l.startsWith("Not measured (no cells")).findFirst().orElse("");
        assertTrue(notMeasured.contains("resnet11") && !notMeasured.contains("vgg8"),
                "every network without cells in these results, whatever weights exist: " + notMeasured);
        assertTrue(Files.exists(dir.resolve("charts/accuracy-vs-ratio-vgg8.png")));
        // a rerun finds every cell and measures nothing again
        long lines = Files.readAllLines(dir.resolve(StudyCli.RESULTS)).size();
        assertEquals(0, StudyCli.execute(args));
        assertEquals(lines, Files.readAllLines(dir.resolve(StudyCli.RESULTS)).size());
    }

    @Test
    void defaultTierStaysFullAndUnknownSmallNetworkIsRefused() {
        StudyCli.Run run = new StudyCli.Run();
        new CommandLine(run).parseArgs();
        assertEquals("full", run.tier);
        assertEquals(0, run.testExamples);
        assertEquals(2, StudyCli.execute("run", "--tier", "small", "--networks", "resnet50", "--out", dir.toString()));
        assertEquals(2, StudyCli.execute("run", "--tier", "medium", "--out", dir.toString()));
    }
}
