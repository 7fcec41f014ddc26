package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnergyReadingTest {

    private static EnergyReading reading(String source, double seconds, double joules, double peak, String note) {
        List<RailEnergy> rails = List.of(new RailEnergy("VDD_IN", joules, joules / seconds, peak, 10),
                new RailEnergy("VDD_SOC", joules / 4, joules / 4 / seconds, peak / 4, 10));
        return new EnergyReading(source, false, Duration.ofMillis((long) (seconds * 1000)), joules, joules / seconds,
                peak, rails, List.of("VDD_IN"), 10, Optional.of(1.0), false, note);
    }

    @Test
    void plusAddsEnergyAveragesPowerAndMergesRails() {
        EnergyReading sum = reading("ina", 2, 10, 6, "a").plus(reading("ina", 3, 20, 9, "b"));
        assertEquals(30.0, sum.joules(), 0.0);
        assertEquals(Duration.ofSeconds(5), sum.duration());
        assertEquals(6.0, sum.averageWatts(), 0.0);
        assertEquals(9.0, sum.peakWatts(), 0.0);
        assertEquals(20, sum.sampleCount());
        assertEquals(2, sum.rails().size());
        assertEquals(new RailEnergy("VDD_IN", 30, 6, 9, 20), sum.rails().get(0));
        assertEquals(7.5, sum.rails().get(1).joules(), 0.0);
        assertEquals("a; b", sum.note());
        assertEquals(25.0, sum.joulesAboveIdle(), 1e-12);
        assertEquals(4.0, sum.sampleRateHz(), 0.0);
    }

    @Test
    void plusRefusesDifferentSources() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reading("ina", 1, 1, 1, "").plus(reading("rapl", 1, 1, 1, "")));
        assertTrue(e.getMessage().contains("'ina' and 'rapl'"));
    }

    @Test
    void rejectsNegativeValues() {
        assertThrows(IllegalArgumentException.class, () -> new EnergyReading("x", false, Duration.ofSeconds(1), -1, 0, 0,
                List.of(), List.of(), 0, Optional.empty(), false, ""));
        assertThrows(IllegalArgumentException.class, () -> new RailEnergy(" ", 0, 0, 0, 0));
    }
}
