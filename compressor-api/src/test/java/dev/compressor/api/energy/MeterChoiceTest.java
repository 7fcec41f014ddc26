package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyMeterProvider.Availability;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@link MeterChoice#toString()}: one short line, the probes once. */
class MeterChoiceTest {

    private static final String LONG = "x".repeat(400);

    @Test
    void oneShortLineWithTheChoiceWhyAndEachProbeOnce() throws Exception {
        MeterChoice choice = new MeterSelector(List.of(
                new FakeProvider("ina3221-sysfs", 400, Availability.no("no INA3221 under /sys: " + LONG)),
                new FakeProvider("tegrastats", 300, Availability.no("tegrastats not on PATH " + LONG)),
                new FakeProvider("rapl-powercap", 200, Availability.no("no readable energy_uj " + LONG)),
                new FakeProvider("cpu-time-estimate", 0, Availability.yes("estimate from process CPU time " + LONG))),
                Map.of(), new Properties()).best();
        assertTrue(choice.reason().length() > 1700, "the full reason stays complete: " + choice.reason().length());
        String s = choice.toString();
        assertTrue(s.length() < 300, s.length() + ": " + s);
        assertTrue(s.startsWith("cpu-time-estimate (rank 0), the highest-ranked available meter: estimate from "
                + "process CPU time xxx"), s);
        assertTrue(s.endsWith("; probed: ina3221-sysfs no, tegrastats no, rapl-powercap no, cpu-time-estimate yes"),
                s);
        assertEquals(1, s.split("tegrastats", -1).length - 1, "each probe once: " + s);
        assertTrue(!s.contains("\n") && !s.contains("MeterChoice["), s);
    }

    @Test
    void anOverrideSaysWhoNamedTheMeter() throws Exception {
        Properties props = new Properties();
        props.setProperty(EnergyMeters.OVERRIDE_PROPERTY, "cpu-time-estimate");
        MeterChoice choice = new MeterSelector(List.of(
                new FakeProvider("rapl-powercap", 200, Availability.yes("package-0")),
                new FakeProvider("cpu-time-estimate", 0, Availability.yes("estimate"))), Map.of(), props).best();
        assertEquals("cpu-time-estimate because system property compressor.energy.meter names it; probed: "
                + "rapl-powercap yes, cpu-time-estimate yes", choice.toString());
    }

    @Test
    void theMachinesOwnChoiceIsShortToo() throws Exception {
        MeterChoice choice = EnergyMeters.best();
        String s = choice.toString();
        assertTrue(s.length() < 300 && s.startsWith(choice.provider() + " "), s);
        for (ProviderProbe p : choice.probes()) {
            assertTrue(s.contains(p.provider() + (p.available() ? " yes" : " no")), s);
        }
    }
}
