package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.settings.Setting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SweepPlanTest {

    @Test
    void shardsPartitionTheCellsDeterministically() {
        SweepPlan plan = SweepPlan.full();
        int n = 5;
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int i = 0; i < n; i++) {
            List<SweepPlan.Cell> cells = plan.cells(new Shard(i, n));
            assertEquals(cells, plan.cells(Shard.parse(i + "/" + n)));
            for (SweepPlan.Cell c : cells) {
                assertEquals(i, c.index() % n);
                assertTrue(seen.add(c.key().toString()), "cell in two shards: " + c.key());
            }
            total += cells.size();
        }
        assertEquals(11 * Setting.fullTier().size(), total);
        assertEquals(plan.cells().size(), seen.size());
    }

    @Test
    void cellsAreNetworkMajor() {
        SweepPlan plan = SweepPlan.quick();
        List<String> keys = new ArrayList<>();
        plan.cells().forEach(c -> keys.add(c.key().toString()));
        assertEquals(List.of("mobilenet_v1/fp32/full", "mobilenet_v1/fp16/full", "mobilenet_v1/int8_channel/full",
                "mobilenet_v1/int8_channel_resident/full", "mobilenet_v1/prune50/full", "inception_v1/fp32/full",
                "inception_v1/fp16/full", "inception_v1/int8_channel/full", "inception_v1/int8_channel_resident/full",
                "inception_v1/prune50/full"), keys);
        assertEquals(List.of(Setting.FP16, Setting.PRUNE50),
                plan.byNetwork(new Shard(1, 3)).get(SweepNetwork.byId("mobilenet_v1")));
    }

    @Test
    void badShardsAndPlansAreRejectedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("4/4")).getMessage().contains("4"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("a/b"));
        assertThrows(IllegalArgumentException.class,
                () -> new SweepPlan(List.of(), List.of(Setting.FP32), CellKey.FULL));
        assertThrows(IllegalArgumentException.class,
                () -> new SweepPlan(List.of(SweepNetwork.byId("tiny_cnn")), List.of(Setting.FP32, Setting.FP32), "full"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Setting.byId("int3")).getMessage()
                .contains("int8_channel"));
        assertThrows(IllegalArgumentException.class, () -> SweepNetwork.byId("lenet"));
    }

    @Test
    void everySettingBuildsACompressorWithADescription() {
        INDArray[] calibration = {Nd4j.rand(2, 4)};
        for (Setting s : Setting.values()) {
            assertEquals(s, Setting.byId(s.id().toUpperCase()));
            if (s.fineTuned()) {
                assertThrows(IllegalStateException.class, s::compressor, s.id() + " trains on labelled data");
                continue;
            }
            assertTrue(!s.compressor(calibration).describe().isBlank(), s.id());
            assertEquals(s, Setting.byId(s.id().toUpperCase()));
            if (!s.needsCalibration()) {
                assertEquals(s.compressor().describe(), s.compressor(calibration).describe(), s.id());
            }
        }
    }

    @Test
    void activationSettingsNeedCalibrationInputsAndSayWhy() {
        assertTrue(Setting.INT8_ACT_MINMAX.needsCalibration());
        assertTrue(Setting.INT8_ACT_PERCENTILE.needsCalibration());
        IllegalStateException e = assertThrows(IllegalStateException.class, Setting.INT8_ACT_MINMAX::compressor);
        assertTrue(e.getMessage().contains("'int8_act_minmax' calibrates activations"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Setting.INT8_ACT_PERCENTILE.compressor(null));
        assertTrue(Setting.INT8_ACT_PERCENTILE.compressor(new INDArray[] {
                Nd4j.rand(2, 4)}).describe().contains("activations"));
    }
}
