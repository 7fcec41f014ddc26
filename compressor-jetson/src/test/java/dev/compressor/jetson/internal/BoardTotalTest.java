package dev.compressor.jetson.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoardTotalTest {

    @Test
    void inputRailAloneIsTheTotal() {
        assertEquals(List.of("VDD_IN"), BoardTotal.choose(
                List.of("VDD_SYS_GPU", "VDD_SYS_SOC", "VDD_4V0_WIFI", "VDD_IN", "VDD_SYS_CPU", "VDD_SYS_DDR")).rails());
        assertEquals(List.of("VDD_IN"), BoardTotal.choose(List.of("VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC")).rails());
        BoardTotal nano = BoardTotal.choose(List.of("POM_5V_IN", "POM_5V_GPU", "POM_5V_CPU"));
        assertEquals(List.of("POM_5V_IN"), nano.rails());
        assertTrue(nano.explanation().contains("POM_5V_IN is the board's input rail"), nano.explanation());
    }

    @Test
    void agxXavierSumsEveryRailAndSaysSo() {
        BoardTotal t = BoardTotal.choose(List.of("GPU", "CPU", "SOC", "CV", "VDDRQ", "SYS5V"));
        assertEquals(List.of("GPU", "CPU", "SOC", "CV", "VDDRQ", "SYS5V"), t.rails());
        assertTrue(t.explanation().startsWith("no board input rail: total is the sum of GPU, CPU, SOC, CV, VDDRQ, SYS5V"),
                t.explanation());
    }

    @Test
    void agxOrinLeavesOutTheRailFedByAnother() {
        BoardTotal t = BoardTotal.choose(List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO"));
        assertEquals(List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0"), t.rails());
        assertTrue(t.explanation().contains("excluded VDDQ_VDD2_1V8AO (fed by VIN_SYS_5V0)"), t.explanation());
        // without its feeder, the rail counts
        assertEquals(List.of("VDD_GPU_SOC", "VDDQ_VDD2_1V8AO"), BoardTotal.choose(List.of("VDD_GPU_SOC", "VDDQ_VDD2_1V8AO")).rails());
    }

    @Test
    void explicitRailsMustExist() {
        assertEquals(List.of("CPU"), BoardTotal.explicit(List.of("CPU"), List.of("GPU", "CPU")).rails());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoardTotal.explicit(List.of("VDD_IN"), List.of("GPU", "CPU")));
        assertTrue(e.getMessage().contains("'VDD_IN'") && e.getMessage().contains("[GPU, CPU]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoardTotal.choose(List.of()));
    }
}
