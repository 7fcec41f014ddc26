package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CellRecordTest {

    @Test
    void successfulRecordSurvivesJsonRoundTripOnOneLine() {
        CellRecord r = Records.ok("mobilenet_v1", "fp16");
        String line = r.toJson();
        assertFalse(line.contains("\n"), line);
        assertEquals(r, CellRecord.fromJson(line));
        assertTrue(line.contains("\"ratioToReference\":{\"GZIP\":2.5,\"NONE\":2.0,"), line);
    }

    @Test
    void failedRecordKeepsItsErrorAndHasNoMeasurements() {
        CellRecord r = CellRecord.failed(new CellKey("vgg16", "int4", "full"), "OutOfMemoryError: \"heap\"\tspace");
        CellRecord back = CellRecord.fromJson(r.toJson());
        assertEquals(r, back);
        assertFalse(back.ok());
        assertNull(back.latency());
        assertTrue(Double.isNaN(back.ratio("ZSTD")));
    }

    @Test
    void ratioIsReferenceOverArtifactBytes() {
        assertEquals(10_000.0 / 3_900, Records.ok("a", "b").ratio("ZSTD"), 1e-12);
    }

    @Test
    void tornOrForeignLinesAreRejected() {
        String line = Records.ok("a", "b").toJson();
        assertThrows(IllegalArgumentException.class, () -> CellRecord.fromJson(line.substring(0, line.length() - 7)));
        assertThrows(IllegalArgumentException.class, () -> CellRecord.fromJson("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> CellRecord.fromJson("{\"network\":\"a\"}"));
    }

    @Test
    void keyRejectsSlashInAPart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CellKey("a/b", "fp32", "full"));
        assertTrue(e.getMessage().contains("a/b"), e.getMessage());
    }
}
