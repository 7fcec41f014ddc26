package dev.compressor.examples.study;

import dev.compressor.examples.fidelity.Fidelity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fidelity block of a cell record's JSON line. */
class FidelityJsonTest {

    private static CellRecord withFidelity(Fidelity f) {
        return new CellRecord(new CellKey("resnet50", "int8", CellKey.FULL), null, "int8(all)", 1234, 10_000,
                Map.of("ZSTD", 3_900L), 1_000_000, 2_000_000, 300_000_000, 50_000_000, 16_000_000,
                new CellRecord.Latency(1, 5, 10_000_000, 12_000_000, 13_000_000, 95.5), null, null, f,
                Map.of("seed", "42"));
    }

    @Test
    void everyMeasureRoundTrips() {
        Fidelity f = new Fidelity(0.125, 3.5e-3, 0.99609375, 1.0, 2.25e-5, 256);
        String line = CellRecordJson.write(withFidelity(f));
        assertTrue(line.contains("\"top5Agreement\":1.0,\"klDivergence\":2.25E-5,\"positions\":256"), line);
        assertEquals(f, CellRecordJson.read(line).fidelity());
    }

    @Test
    void aRecordWrittenBeforeTheNewMeasuresReadsThemAsUnmeasured() {
        String line = CellRecordJson.write(withFidelity(new Fidelity(0.125, 3.5e-3, 1.0, 0.5, 0.25, 16)))
                .replace(",\"top5Agreement\":0.5,\"klDivergence\":0.25,\"positions\":16", "");
        assertTrue(line.contains("\"fidelity\":{\"maxAbsDiff\":0.125,\"relativeL2\":0.0035,\"top1Agreement\":1.0}"),
                line);
        Fidelity read = CellRecordJson.read(line).fidelity();
        assertEquals(new Fidelity(0.125, 3.5e-3, 1.0), read);
        assertTrue(Double.isNaN(read.top5Agreement()) && Double.isNaN(read.klDivergence()));
        assertEquals(-1, read.positions());
    }

    @Test
    void unmeasuredValuesStayUnmeasured() {
        Fidelity old = new Fidelity(1e-3, 2e-4, 1.0);
        assertEquals(old, CellRecordJson.read(CellRecordJson.write(withFidelity(old))).fidelity());
    }
}
