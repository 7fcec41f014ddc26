package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyReportTest {

    @TempDir
    Path dir;

    private final List<CellRecord> records = List.of(Records.ok("resnet50", "fp32"), Records.ok("resnet50", "fp16"),
            CellRecord.failed(new CellKey("vgg16", "fp16", "full"), "OutOfMemoryError | at x, y"));

    @Test
    void csvHasOneRowPerCellWithQuotedCommas() {
        List<String> lines = StudyReport.csv(records).lines().toList();
        assertEquals(4, lines.size());
        String[] header = lines.get(0).split(",");
        assertEquals("network", header[0]);
        assertTrue(lines.get(1).startsWith("resnet50,fp32,full,ok,,fp32(all),1234,10000,5000,4000,3900,,2.0,2.5,"),
                lines.get(1));
        assertTrue(lines.get(1).contains(",8,40.00,42.00,43.00,192.0,"), lines.get(1));
        assertTrue(lines.get(3).contains("\"OutOfMemoryError | at x, y\""), lines.get(3));
    }

    @Test
    void markdownHasCellTablePivotsAndFailures() throws Exception {
        Path md = StudyReport.write(records, dir.resolve("out"));
        String text = Files.readString(md);
        assertTrue(text.contains("3 cells: 2 measured, 0 not applicable, 1 failed"), text);
        assertTrue(text.contains("| resnet50 | fp16 | 3900 | 2.56 | 2.00 |"), text);
        assertTrue(text.contains("| network | fp32 | fp16 |"), text);
        assertTrue(text.contains("| vgg16 |  | failed |"), text);
        assertTrue(text.contains("OutOfMemoryError \\| at x, y"), text);
        assertTrue(text.contains("cpu-time-estimate: an ESTIMATE"), text);
        assertTrue(text.contains("| resnet50 | 192.00 (b=8) | 192.00 (b=8) |"), text);
        assertTrue(text.contains("| resnet50 | 15.26 | 15.26 |"), "weight memory pivot: " + text);
        assertTrue(Files.exists(dir.resolve("out").resolve(StudyReport.CSV)));
        assertTrue(text.contains("![ratio.png](charts/ratio.png)"), text);
        assertTrue(Files.exists(dir.resolve("out/charts/energy-vs-latency.png")));
    }
}
