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
    void accuracyBlockSurvivesJsonRoundTrip() {
        CellRecord r = SmallTierRecords.ok("vgg8", "int8_channel", 0.8586, 0.8589, 52_144);
        String line = r.toJson();
        assertFalse(line.contains("\n"), line);
        CellRecord back = CellRecord.fromJson(line);
        assertEquals(r, back);
        assertEquals(0.8586, back.accuracy().top1());
        assertEquals(-0.03, back.accuracy().top1DeltaPoints(), 1e-9);
        assertEquals(500, back.accuracy().testExamples());
        assertEquals("0596465 2026-11-29", back.provenance().get("weights.commit"));
        assertTrue(line.contains("\"accuracy\":{\"top1\":0.8586,"), line);
    }

    @Test
    void linesWrittenBeforeTheAccuracyFieldStillParse() {
        // a full-tier line as written before the accuracy block existed: no "accuracy" key at all
        String legacy = Records.ok("resnet50", "fp16").toJson();
        assertFalse(legacy.contains("accuracy"), legacy);
        CellRecord back = CellRecord.fromJson(legacy);
        assertNull(back.accuracy());
        assertEquals(Records.ok("resnet50", "fp16"), back);
        assertNull(CellRecord.fromJson(CellRecord.failed(new CellKey("vgg8", "int4", "small"), "x").toJson()).accuracy());
    }

    @Test
    void translationBlockSurvivesJsonRoundTrip() {
        CellRecord r = SmallTierRecords.nmt("int8_channel", 21.5, 21.97, 1_100_000);
        String line = r.toJson();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("\"translation\":{\"bleu\":21.5,\"fp32Bleu\":21.97,\"copyBaselineBleu\":12.71,"), line);
        assertFalse(line.contains("\"accuracy\""), line);
        CellRecord back = CellRecord.fromJson(line);
        assertEquals(r, back);
        assertNull(back.accuracy());
        assertEquals(-0.47, back.translation().bleuDeltaPoints(), 1e-9);
        assertEquals(200, back.translation().testPairs());
        assertTrue(back.translation().detail().startsWith("BLEU = 21.50 "), back.translation().detail());
        assertEquals("2633", back.provenance().get("weights.iterations"));
    }

    @Test
    void linesWithoutTheTranslationFieldStillParse() {
        // small-tier image cells and full-tier cells as written before the translation block existed
        String image = SmallTierRecords.ok("vgg8", "int8_channel", 0.8586, 0.8589, 52_144).toJson();
        assertFalse(image.contains("translation"), image);
        CellRecord back = CellRecord.fromJson(image);
        assertNull(back.translation());
        assertEquals(0.8586, back.accuracy().top1());
        assertNull(CellRecord.fromJson(Records.ok("resnet50", "fp16").toJson()).translation());
        assertNull(CellRecord.fromJson(CellRecord.failed(new CellKey("nmt", "channel25", "small"), "x").toJson())
                .translation());
    }

    @Test
    void translationRejectsScoresOutsideTheBleuScaleAndNoPairs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CellRecord.Translation(100.5, 20, 12, 10, "d", "x"));
        assertTrue(e.getMessage().contains("100.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CellRecord.Translation(20, -1, 12, 10, "d", "x"));
        assertThrows(IllegalArgumentException.class, () -> new CellRecord.Translation(20, 20, Double.NaN, 10, "d", "x"));
        e = assertThrows(IllegalArgumentException.class, () -> new CellRecord.Translation(20, 20, 12, 0, "d", "x"));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void accuracyRejectsValuesOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CellRecord.Accuracy(1.5, 1, 0.8, 0.9, 10, "d"));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CellRecord.Accuracy(0.5, 0.6, 0.8, 0.9, 0, "d"));
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
