package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        return EnergyReading.measured(source, Duration.ofMillis((long) (seconds * 1000)), joules).withPeakWatts(peak)
                .withRails(rails, List.of("VDD_IN")).withSampleCount(10).withIdleWatts(1.0).withNote(note);
    }

    @Test
    void factoriesDeriveTheAverageAndWithersSetOneComponentEach() {
        EnergyReading m = EnergyReading.measured("ina", Duration.ofSeconds(2), 10);
        assertEquals(new EnergyReading("ina", false, Duration.ofSeconds(2), 10, 5, 5, List.of(), List.of(), 0,
                Optional.empty(), false, ""), m);
        assertEquals(0.0, EnergyReading.measured("ina", Duration.ZERO, 0).averageWatts(), 0.0);
        EnergyReading e = EnergyReading.estimate("cpu", Duration.ofSeconds(4), 2);
        assertTrue(e.estimated());
        assertEquals(0.5, e.averageWatts(), 0.0);

        EnergyReading full = m.withPeakWatts(7).withSampleCount(201).withIdleWatts(3).withNote("total = VDD_IN")
                .withRemark("").withRemark("held 1 ms").asPartial("child died");
        assertEquals(new EnergyReading("ina", false, Duration.ofSeconds(2), 10, 5, 7, List.of(), List.of(), 201,
                Optional.of(3.0), true, "total = VDD_IN; held 1 ms; partial: child died"), full);
        assertFalse(m.partial(), "withers copy");
        assertEquals("x", EnergyReading.measured("a", Duration.ZERO, 0).withRemark("x").note());
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
        assertThrows(IllegalArgumentException.class, () -> EnergyReading.measured("x", Duration.ofSeconds(1), -1));
        assertThrows(IllegalArgumentException.class, () -> EnergyReading.measured("x", Duration.ofSeconds(-1), 0));
        EnergyReading ok = EnergyReading.measured("x", Duration.ofSeconds(1), 1);
        assertThrows(IllegalArgumentException.class, () -> ok.withPeakWatts(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ok.withIdleWatts(-0.5));
        assertThrows(IllegalArgumentException.class, () -> ok.withSampleCount(-1));
        assertThrows(IllegalArgumentException.class, () -> new RailEnergy(" ", 0, 0, 0, 0));
    }
}
