package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyMeterProvider.Availability;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnergyMetersTest {

    private final FakeProvider ina = new FakeProvider("ina3221-sysfs", 400, Availability.no("no INA3221 on this board"));
    private final FakeProvider tegrastats = new FakeProvider("tegrastats", 300, Availability.no("tegrastats not on PATH"));
    private final FakeProvider rapl = new FakeProvider("rapl-powercap", 200, Availability.yes("found package-0"));
    private final FakeProvider cpu = new FakeProvider("cpu-time-estimate", 0, Availability.yes("estimate"));

    private MeterSelector selector(Map<String, String> env, Properties props, EnergyMeterProvider... providers) {
        return new MeterSelector(List.of(providers), env, props);
    }

    @Test
    void choosesTheHighestRankedAvailableAndSaysWhy() throws Exception {
        MeterChoice choice = selector(Map.of(), new Properties(), cpu, rapl, tegrastats, ina).best();
        assertEquals("rapl-powercap", choice.provider());
        assertEquals("rapl-powercap", choice.meter().name());
        String why = choice.reason();
        assertTrue(why.startsWith("chose rapl-powercap (rank 200)"), why);
        for (String s : List.of("ina3221-sysfs (rank 400): unavailable, no INA3221 on this board",
                "tegrastats (rank 300): unavailable, tegrastats not on PATH",
                "cpu-time-estimate (rank 0): available, estimate")) {
            assertTrue(why.contains(s), why);
        }
        assertEquals(List.of("ina3221-sysfs", "tegrastats", "rapl-powercap", "cpu-time-estimate"),
                choice.probes().stream().map(ProviderProbe::provider).toList());
        assertEquals(0, cpu.creates.get(), "only the chosen meter is created");
    }

    @Test
    void listsAvailableProvidersByRank() {
        assertEquals(List.of("rapl-powercap", "cpu-time-estimate"),
                selector(Map.of(), new Properties(), cpu, ina, rapl).available());
    }

    @Test
    void systemPropertyOverridesRankAndBeatsTheEnvironment() throws Exception {
        Properties props = new Properties();
        props.setProperty(EnergyMeters.OVERRIDE_PROPERTY, "cpu-time-estimate");
        MeterChoice choice = selector(Map.of(EnergyMeters.OVERRIDE_ENV, "rapl-powercap"), props, cpu, rapl).best();
        assertEquals("cpu-time-estimate", choice.provider());
        assertTrue(choice.reason().contains("system property compressor.energy.meter names it"), choice.reason());
    }

    @Test
    void environmentVariableOverridesRank() throws Exception {
        MeterChoice choice = selector(Map.of(EnergyMeters.OVERRIDE_ENV, " cpu-time-estimate "), new Properties(),
                cpu, rapl).best();
        assertEquals("cpu-time-estimate", choice.provider());
        assertTrue(choice.reason().contains("environment variable COMPRESSOR_ENERGY_METER"), choice.reason());
    }

    @Test
    void unknownOverrideListsTheKnownProviders() {
        EnergyMeterException e = assertThrows(EnergyMeterException.class,
                () -> selector(Map.of(EnergyMeters.OVERRIDE_ENV, "nvml"), new Properties(), cpu, rapl).best());
        assertTrue(e.getMessage().contains("no energy meter provider named 'nvml'"), e.getMessage());
        assertTrue(e.getMessage().contains("[cpu-time-estimate, rapl-powercap]"), e.getMessage());
        assertTrue(e.getMessage().contains("COMPRESSOR_ENERGY_METER"), e.getMessage());
    }

    @Test
    void unavailableOverrideSaysWhyInsteadOfFallingBack() {
        EnergyMeterException e = assertThrows(EnergyMeterException.class,
                () -> selector(Map.of(EnergyMeters.OVERRIDE_ENV, "ina3221-sysfs"), new Properties(), cpu, ina).best());
        assertTrue(e.getMessage().contains("no INA3221 on this board"), e.getMessage());
        assertEquals(0, cpu.creates.get());
    }

    @Test
    void aMeterThatFailsToCreateIsSkipped() throws Exception {
        FakeProvider broken = new FakeProvider("broken", 500, Availability.yes("looks fine"),
                new EnergyMeterException("device busy"));
        FakeProvider exploding = new FakeProvider("exploding", 450, null);
        MeterChoice choice = selector(Map.of(), new Properties(), broken, exploding, cpu).best();
        assertEquals("cpu-time-estimate", choice.provider());
        assertTrue(choice.reason().contains("broken failed to start: device busy"), choice.reason());
        assertTrue(choice.reason().contains("exploding (rank 450): unavailable, probe failed"), choice.reason());
    }

    @Test
    void nothingAvailableListsEveryProbe() {
        EnergyMeterException e = assertThrows(EnergyMeterException.class,
                () -> selector(Map.of(), new Properties(), ina, tegrastats).best());
        assertTrue(e.getMessage().contains("no INA3221 on this board"), e.getMessage());
        assertTrue(e.getMessage().contains("tegrastats not on PATH"), e.getMessage());
        EnergyMeterException none = assertThrows(EnergyMeterException.class,
                () -> selector(Map.of(), new Properties()).best());
        assertTrue(none.getMessage().contains("no providers found"), none.getMessage());
    }

    @Test
    void byNameIgnoresRankButNotAvailability() throws Exception {
        MeterSelector s = selector(Map.of(), new Properties(), cpu, rapl, ina);
        assertEquals("cpu-time-estimate", s.byName("cpu-time-estimate").name());
        assertTrue(assertThrows(EnergyMeterException.class, () -> s.byName("ina3221-sysfs")).getMessage()
                .contains("cannot run here: no INA3221 on this board"));
        assertTrue(assertThrows(EnergyMeterException.class, () -> s.byName("x")).getMessage().contains("known: "));
    }

    @Test
    void duplicateNamesKeepTheFirstAndSaySo() throws Exception {
        FakeProvider twin = new FakeProvider("rapl-powercap", 900, Availability.yes("twin"));
        MeterChoice choice = selector(Map.of(), new Properties(), rapl, twin).best();
        assertEquals(1, choice.probes().size());
        assertTrue(choice.reason().contains("two providers are named 'rapl-powercap'"), choice.reason());
    }

    @Test
    void serviceLoaderFindsBothGenericMeters() throws Exception {
        List<String> names = EnergyMeters.probeAll().stream().map(ProviderProbe::provider).toList();
        assertTrue(names.contains("rapl-powercap"), names.toString());
        assertTrue(names.contains("cpu-time-estimate"), names.toString());
        List<String> available = EnergyMeters.available();
        assertTrue(available.contains("cpu-time-estimate"), available.toString());
        MeterChoice best = EnergyMeters.best();
        if (System.getProperty(EnergyMeters.OVERRIDE_PROPERTY) == null && System.getenv(EnergyMeters.OVERRIDE_ENV) == null) {
            assertEquals(available.get(0), best.provider(), best.reason());
        }
        assertTrue(EnergyMeters.byName("cpu-time-estimate").estimated());
    }
}
