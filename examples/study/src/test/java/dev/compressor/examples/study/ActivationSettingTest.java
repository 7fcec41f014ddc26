package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.examples.settings.Setting;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated-activation settings measured as study cells on the tiny CNN, restored from their artifacts. */
class ActivationSettingTest {

    @TempDir
    Path dir;

    @Test
    void activationCellsRestoreAndDifferFromWeightOnlyInt8() throws Exception {
        SweepOptions options = new SweepOptions(3, 0, 1, null, 0, false, false, List.of());
        try (ResultStore store = ResultStore.open(dir.resolve("r.jsonl"))) {
            new NetworkMeasurer(options, null, dir, Ticker.systemTicker(), HostInfo.provenance())
                    .measure(SweepNetwork.byId("tiny_cnn"), List.of(Setting.INT8_CHANNEL, Setting.INT8_ACT_MINMAX,
                            Setting.INT8_ACT_PERCENTILE), CellKey.FULL, store);
            List<CellRecord> r = store.records();
            assertEquals(3, r.size());
            r.forEach(c -> assertTrue(c.ok(), c.key() + ": " + c.error()));
            CellRecord weightsOnly = r.get(0);
            for (CellRecord act : r.subList(1, 3)) {
                assertTrue(act.settingDescription().contains("activations"), act.settingDescription());
                assertEquals(weightsOnly.parameterCount(), act.parameterCount());
                assertTrue(act.fidelity().relativeL2() != weightsOnly.fidelity().relativeL2(),
                        "rounding activations changes the logits: " + act.fidelity().relativeL2());
                assertTrue(act.fidelity().relativeL2() < 0.5, act.key() + " " + act.fidelity().relativeL2());
            }
        }
    }
}
