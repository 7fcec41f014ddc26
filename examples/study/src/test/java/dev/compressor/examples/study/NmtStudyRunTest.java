package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real small-tier run of the translation model: the committed weights, a few test pairs of the
 * committed sed.mo fixture, through the CLI and a child JVM.
 */
class NmtStudyRunTest {

    @TempDir
    Path dir;

    @Test
    void cliMeasuresTranslationCellsInAChildJvmResumablyAndReportsThem() throws Exception {
        Path catalogs = NmtMeasurerTest.sedCatalogs(dir);
        Path out = dir.resolve("out");
        String[] args = {"run", "--tier", "small", "--networks", "nmt", "--settings", "fp32,int8_channel,channel25",
            "--test-examples", "6", "--catalogs", catalogs.toString(), "--out", out.toString(), "--jvm-arg", "-Xmx1g"};
        assertEquals(0, StudyCli.execute(args));
        Map<String, CellRecord> recs = ResultStore.read(out.resolve(StudyCli.RESULTS)).stream()
                .collect(Collectors.toMap(r -> r.key().toString(), r -> r));
        assertEquals(3, recs.size(), recs.keySet().toString());
        CellRecord fp32 = recs.get("nmt/fp32/small");
        assertTrue(fp32.ok(), fp32.error());
        assertEquals(6, fp32.translation().testPairs());
        assertEquals(fp32.translation().fp32Bleu(), fp32.translation().bleu(), 1e-12);
        assertEquals("1 catalogs in " + catalogs.toAbsolutePath(), fp32.translation().dataSource());
        assertNotNull(fp32.provenance().get("weights.commit"));
        assertTrue(fp32.provenance().get("weights.date").startsWith("20"), fp32.provenance().toString());
        assertNotNull(fp32.provenance().get("weights.bleu"), fp32.provenance().toString());
        CellRecord int8 = recs.get("nmt/int8_channel/small");
        assertTrue(int8.ok(), int8.error());
        assertEquals(fp32.translation().fp32Bleu(), int8.translation().fp32Bleu(), 1e-12, "fp32 measured once per run");
        assertTrue(int8.ratio("ZSTD") > 3, "int8 against the fp32 file of a 1 M-parameter model: " + int8.ratio("ZSTD"));
        String report = Files.readString(out.resolve(StudyReport.MARKDOWN));
        CellRecord channel = recs.get("nmt/channel25/small");
        assertFalse(channel.ok(), "nothing to remove in an LSTM/attention graph");
        assertTrue(channel.notApplicable().contains("structured pruning removes convolution filters"),
                channel.notApplicable());
        assertTrue(report.contains("## Settings that do not apply"), report);
        assertTrue(report.contains("| nmt (small tier) | channel25 |"), report);
        assertTrue(report.contains("## Translation (NMT, small tier)"), report);
        assertTrue(report.contains("| int8_channel | "), report);
        assertFalse(report.contains("## Accuracy on real data"), report);
        assertTrue(Files.exists(out.resolve("charts/bleu-vs-ratio-nmt.png")));
        List<String> csv = Files.readAllLines(out.resolve(StudyReport.CSV));
        assertTrue(csv.get(0).contains(",bleu,fp32_bleu,copy_baseline_bleu,not_applicable,"), csv.get(0));
        // a rerun finds every cell and measures nothing again
        long lines = Files.readAllLines(out.resolve(StudyCli.RESULTS)).size();
        assertEquals(0, StudyCli.execute(args));
        assertEquals(lines, Files.readAllLines(out.resolve(StudyCli.RESULTS)).size());
        // without catalogs the model is skipped: no cell, no child JVM
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path out2 = dir.resolve("out2");
        assertEquals(0, StudyCli.execute("run", "--tier", "small", "--networks", "nmt", "--settings", "fp32",
                "--catalogs", empty.toString(), "--out", out2.toString(), "--no-report"));
        assertEquals(List.of(), ResultStore.read(out2.resolve(StudyCli.RESULTS)));
    }
}
