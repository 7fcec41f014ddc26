package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.examples.settings.Setting;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Measures tiny_nmt in this JVM with a dequantize-at-load and a resident-quantized int8 setting. */
class ResidentSettingTest {

    @TempDir
    Path dir;

    @Test
    void residentCellUsesTheResidentRuntimeWithTheSameLogits() throws Exception {
        SweepOptions options = new SweepOptions(5, 0, 1, null, 0, false, false, List.of());
        try (ResultStore store = ResultStore.open(dir.resolve("r.jsonl"))) {
            new NetworkMeasurer(options, null, dir, Ticker.systemTicker(), HostInfo.provenance())
                    .measure(SweepNetwork.byId("tiny_nmt"), List.of(Setting.FP32, Setting.INT8_CHANNEL,
                            Setting.INT8_CHANNEL_RESIDENT), CellKey.FULL, store);
            List<CellRecord> r = store.records();
            assertEquals(3, r.size());
            r.forEach(c -> assertTrue(c.ok(), c.key() + ": " + c.error()));
            CellRecord fp32 = r.get(0);
            CellRecord atLoad = r.get(1);
            CellRecord resident = r.get(2);
            assertEquals(RuntimeMode.RESIDENT_QUANTIZED, Setting.byId("int8_channel_resident").runtimeMode());
            assertEquals(fp32.weightBytes(), atLoad.weightBytes(), "dequantized at load: fp32 weights");
            assertEquals(4 * fp32.parameterCount(), fp32.weightBytes(), "fp32 weight memory is 4 bytes a parameter");
            // on a network this small the shared expansion scratch outweighs what int8 saves: only the
            // accounting differs, which shows the resident runtime was used
            assertTrue(resident.weightBytes() != atLoad.weightBytes(),
                    resident.weightBytes() + " resident vs " + atLoad.weightBytes());
            assertEquals(0.0, fp32.fidelity().relativeL2());
            assertEquals(atLoad.fidelity().relativeL2(), resident.fidelity().relativeL2(),
                    1e-3 + 0.05 * atLoad.fidelity().relativeL2(), "same weights, same logits up to rounding");
            assertTrue(atLoad.fidelity().relativeL2() > 0);
        }
    }
}
