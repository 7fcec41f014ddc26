package dev.compressor.examples.study;

import dev.compressor.examples.fidelity.Fidelity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyGuidelinesTest {

    private static CellRecord cell(String net, String setting, long zstd, long p50, double relL2, double top1) {
        return new CellRecord(new CellKey(net, setting, CellKey.FULL), null, setting, 10, 1000,
                Map.of("ZSTD", zstd), 1, 100, -1, -1, -1, new CellRecord.Latency(1, 5, p50, p50, p50, 1e9 / p50), null,
                new CellRecord.Energy("m", true, p50 / 1e9, 1), new Fidelity(relL2, relL2, top1), Map.of());
    }

    @Test
    void closeSettingsRankBySizeRiskySettingsAreNamedAndChangesCiteCells() {
        List<CellRecord> records = List.of(
                cell("a", "fp32", 1000, 100, 0, 1), cell("b", "fp32", 2000, 200, 0, 1),
                cell("a", "fp16", 500, 100, 0.001, 1), cell("b", "fp16", 1000, 205, 0.002, 1),
                cell("a", "int8_channel", 250, 100, 0.005, 1), cell("b", "int8_channel", 500, 200, 0.004, 1),
                cell("a", "int4", 125, 300, 0.2, 0.5), cell("b", "int4", 250, 600, 0.3, 1),
                CellRecord.failed(new CellKey("c", "fp16", "full"), "x"));
        List<String> g = StudyGuidelines.derive(records);
        String text = String.join("\n", g);
        assertTrue(g.get(0).startsWith("- **int8_channel** shrinks the zstd artifact 4.00x"), text);
        assertTrue(g.get(0).contains("cells: a/int8_channel, b/int8_channel."), text);
        assertTrue(g.get(1).startsWith("- **fp16** shrinks the zstd artifact 2.00x"), text);
        assertTrue(text.contains("- **int4** changes predictions"), text);
        assertTrue(text.contains("a/int4 (top-1 agreement 0.50"), text);
        // these records carry no paired latency: an unpaired p50 three times fp32's is no verdict
        assertFalse(text.contains("slower") || text.contains("faster") || text.contains("Higher latency"), text);
    }

    @Test
    void noBaselineNoGuidelines() {
        assertEquals(List.of(), StudyGuidelines.derive(List.of(cell("a", "fp16", 1, 1, 0, 1))));
    }
}
