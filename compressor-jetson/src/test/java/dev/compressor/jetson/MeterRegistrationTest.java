package dev.compressor.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyMeterProvider;
import dev.compressor.api.energy.EnergyMeters;
import dev.compressor.api.energy.MeterChoice;
import dev.compressor.jetson.ina3221.Ina3221MeterProvider;
import dev.compressor.jetson.tegrastats.TegrastatsMeterProvider;
import dev.compressor.jetson.testing.FixtureTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both meters are found through ServiceLoader and ranked above the generic meters. */
class MeterRegistrationTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(Ina3221MeterProvider.ROOT_PROPERTY);
        System.clearProperty(TegrastatsMeterProvider.PATH_PROPERTY);
    }

    @Test
    void providersAreRegisteredWithTheirRanks() {
        Map<String, Integer> ranks = ServiceLoader.load(EnergyMeterProvider.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toMap(EnergyMeterProvider::name, EnergyMeterProvider::rank));
        assertEquals(400, ranks.get("ina3221-sysfs"));
        assertEquals(300, ranks.get("tegrastats"));
        assertTrue(ranks.values().stream().filter(r -> r != 400 && r != 300).allMatch(r -> r < 300), ranks.toString());
    }

    @Test
    void bestPrefersIna3221ThenTegrastats() throws Exception {
        Path root = FixtureTree.materialize("orin-nx-jp5.tree", dir.resolve("root"));
        Path fake = dir.resolve("tegrastats");
        Files.writeString(fake, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

        System.setProperty(TegrastatsMeterProvider.PATH_PROPERTY, fake.toString());
        MeterChoice second = EnergyMeters.best();
        assertEquals("tegrastats", second.meter().name(), second.toString());

        System.setProperty(Ina3221MeterProvider.ROOT_PROPERTY, root.toString());
        MeterChoice first = EnergyMeters.best();
        assertEquals("ina3221-sysfs", first.meter().name(), first.toString());
    }

    @Test
    void probesSayWhyNotOnAPlainHost() {
        System.setProperty(Ina3221MeterProvider.ROOT_PROPERTY,
                FixtureTree.materialize("x86-host.tree", dir.resolve("x86")).toString());
        EnergyMeterProvider.Availability ina = new Ina3221MeterProvider().probe();
        assertFalse(ina.available());
        assertTrue(ina.reason().contains("no INA3221 power monitor found"), ina.reason());

        System.setProperty(TegrastatsMeterProvider.PATH_PROPERTY, dir.resolve("missing").toString());
        EnergyMeterProvider.Availability teg = new TegrastatsMeterProvider().probe();
        assertFalse(teg.available());
        assertTrue(teg.reason().contains("is not an executable file"), teg.reason());
    }
}
