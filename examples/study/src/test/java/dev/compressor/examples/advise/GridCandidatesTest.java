package dev.compressor.examples.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.advisor.Candidate;
import dev.compressor.examples.settings.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridCandidatesTest {

    @Test
    void allIsTheDeployableGridWithoutTheBaseline() {
        List<String> names = GridCandidates.parse(List.of("all")).stream().map(Candidate::name).toList();
        long deployable = Setting.fullTier().stream().filter(s -> !s.needsCalibration()).count();
        assertEquals(deployable - 1, names.size(), names.toString());
        assertFalse(names.contains("fp32"));
        assertFalse(names.contains("int8_act_minmax"));
        assertTrue(names.contains("int8_channel_resident"));
        assertFalse(names.contains("prune90_ft"), "the small tier's recovery settings need training data");
    }

    @Test
    void explicitIdsKeepTheirOrderWithoutDuplicates() {
        List<String> names = GridCandidates.parse(List.of("int4", " FP16 ", "int4", ""))
                .stream().map(Candidate::name).toList();
        assertEquals(List.of("int4", "fp16"), names);
    }

    @Test
    void simulatedActivationsAndUnknownIdsAreRefusedSayingWhy() {
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class,
                () -> GridCandidates.parse(List.of("int8_act_percentile")));
        assertTrue(act.getMessage().contains("'int8_act_percentile'") && act.getMessage().contains("not a deployable"),
                act.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> GridCandidates.parse(List.of("int3")));
        assertTrue(unknown.getMessage().startsWith("unknown candidate 'int3'"), unknown.getMessage());
    }
}
