package dev.compressor.api.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.compressor.api.testdata.Tickers;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplPowercapMeterTest {

    private static final long S = 1_000_000_000L;
    private static final Duration NO_BACKGROUND_POLL = Duration.ofHours(1);

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(7 * S);

    private EnergyReading measure(String fixture) throws Exception {
        RaplFixtures.copy(fixture, "start", root);
        List<RaplZone> zones = RaplZones.discover(root, SysfsReader.FILES);
        RaplPowercapMeter meter =
                new RaplPowercapMeter(zones, SysfsReader.FILES, NO_BACKGROUND_POLL, Tickers.of(clock::get));
        try (EnergyMeter.Session session = meter.start()) {
            RaplFixtures.copy(fixture, "stop", root);
            clock.addAndGet(2 * S);
            return session.stop();
        }
    }

    private static Map<String, RailEnergy> byRail(EnergyReading r) {
        return r.rails().stream().collect(Collectors.toMap(RailEnergy::rail, Function.identity()));
    }

    @Test
    void twoPackagesAddUpAndSubzonesAreNeverAdded() throws Exception {
        EnergyReading r = measure("two-packages");
        assertEquals(50.0, r.joules(), 0.0);
        assertEquals(25.0, r.averageWatts(), 0.0);
        assertEquals(25.0, r.peakWatts(), 0.0); // one interval: peak is its power
        assertEquals(Duration.ofSeconds(2), r.duration());
        assertEquals(List.of("package-0", "package-1"), r.totalRails());
        Map<String, RailEnergy> rails = byRail(r);
        assertEquals(List.of("package-0", "package-0/dram", "package-1", "package-1/dram"),
                r.rails().stream().map(RailEnergy::rail).toList(), "mmio duplicate and control dir are ignored");
        assertEquals(30.0, rails.get("package-0").joules(), 0.0);
        assertEquals(4.0, rails.get("package-0/dram").joules(), 0.0);
        assertEquals(20.0, rails.get("package-1").joules(), 0.0);
        assertEquals(2.0, rails.get("package-1/dram").joules(), 0.0);
        assertEquals(1.0, rails.get("package-1/dram").averageWatts(), 0.0);
        assertFalse(r.estimated());
        assertFalse(r.partial());
        assertEquals("rapl-powercap", r.source());
        assertEquals(2, r.sampleCount());
        assertTrue(r.note().contains("total = package-0 + package-1"), r.note());
        assertTrue(r.note().contains("package-0/dram, package-1/dram reported per rail, never added"), r.note());
    }

    @Test
    void wrapAroundIsUnwrappedWithTheZoneRange() throws Exception {
        // package-0 goes from range - 2 J to 8 J: 10 J in 2 s, a constant 5 W
        EnergyReading r = measure("wrap-around");
        assertEquals(10.0, r.joules(), 0.0);
        assertEquals(5.0, r.averageWatts(), 0.0);
        assertEquals(List.of("package-0"), r.totalRails());
        Map<String, RailEnergy> rails = byRail(r);
        assertEquals(6.0, rails.get("package-0/core").joules(), 0.0);
        assertEquals(16.0, rails.get("psys").joules(), 0.0);
        assertTrue(r.note().contains("package-0/core, psys reported per rail, never added"), r.note());
    }

    @Test
    void deltaArithmetic() {
        RaplZone z = new RaplZone("intel-rapl:0", "package-0", root, 1000, true);
        assertEquals(50, z.deltaMicrojoules(100, 150));
        assertEquals(0, z.deltaMicrojoules(100, 100));
        assertEquals(950, z.deltaMicrojoules(100, 50));
        assertThrows(IllegalArgumentException.class, () -> new RaplZone("intel-rapl:0", "p", root, 0, true));
    }

    @Test
    void backgroundPollingKeepsEnergyExactAndFindsThePeak() throws Exception {
        // the poller reads intermediate states, including the wrapped one; counter differences telescope
        RaplFixtures.copy("wrap-around", "start", root);
        EnergyMeter meter = new RaplPowercapMeterProvider(root, Duration.ofMillis(50)).create();
        try (EnergyMeter.Session session = meter.start()) {
            Thread.sleep(60);
            RaplFixtures.copy("wrap-around", "stop", root);
            Thread.sleep(60);
            EnergyReading r = session.stop();
            assertEquals(10.0, r.joules(), 0.0);
            assertTrue(r.sampleCount() >= 2);
            assertTrue(r.peakWatts() >= r.averageWatts(), r.peakWatts() + " < " + r.averageWatts());
            assertThrows(IllegalStateException.class, session::stop);
        }
    }

    @Test
    void permissionDeniedExplainsTheRootOnlyCounters() throws Exception {
        RaplFixtures.copy("wrap-around", "start", root);
        SysfsReader denying = file -> {
            if (file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return SysfsReader.FILES.read(file);
        };
        EnergyMeterException e = assertThrows(EnergyMeterException.class, () -> RaplZones.discover(root, denying));
        String m = e.getMessage();
        assertTrue(m.contains("permission denied reading " + root.resolve("sys/class/powercap/intel-rapl:0/energy_uj")), m);
        assertTrue(m.contains("only by root since Linux 5.10"), m);
        assertTrue(m.contains("sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj"), m);
        assertTrue(m.contains("-Dcompressor.energy.meter=cpu-time-estimate"), m);
    }

    @Test
    void permissionDeniedOnRealFilesWhenNotRoot() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files whatever their mode");
        RaplFixtures.copy("wrap-around", "start", root);
        Path counter = root.resolve("sys/class/powercap/intel-rapl:0/energy_uj");
        Files.setPosixFilePermissions(counter, PosixFilePermissions.fromString("---------"));
        EnergyMeterProvider.Availability a = new RaplPowercapMeterProvider(root, Duration.ofMillis(100)).probe();
        assertFalse(a.available());
        assertTrue(a.reason().contains("only by root since Linux 5.10"), a.reason());
    }

    @Test
    void aCounterThatBecomesUnreadableFailsStopClearly() throws Exception {
        RaplFixtures.copy("two-packages", "start", root);
        List<RaplZone> zones = RaplZones.discover(root, SysfsReader.FILES);
        RaplPowercapMeter meter =
                new RaplPowercapMeter(zones, SysfsReader.FILES, NO_BACKGROUND_POLL, Tickers.of(clock::get));
        EnergyMeter.Session session = meter.start();
        Files.writeString(root.resolve("sys/class/powercap/intel-rapl:1/energy_uj"), "n/a\n");
        clock.addAndGet(S);
        EnergyMeterException e = assertThrows(EnergyMeterException.class, session::stop);
        assertTrue(e.getMessage().contains("intel-rapl:1/energy_uj should hold a whole number of microjoules, found 'n/a'"),
                e.getMessage());
    }

    @Test
    void probeReportsWhatItFoundOrWhyNot() throws Exception {
        RaplPowercapMeterProvider provider = new RaplPowercapMeterProvider(root, Duration.ofMillis(100));
        EnergyMeterProvider.Availability missing = provider.probe();
        assertFalse(missing.available());
        assertTrue(missing.reason().contains("does not exist"), missing.reason());
        assertThrows(EnergyMeterException.class, provider::create);

        Files.createDirectories(root.resolve("sys/class/powercap/intel-rapl"));
        assertTrue(provider.probe().reason().contains("no RAPL zones"), provider.probe().reason());

        RaplFixtures.copy("two-packages", "start", root);
        EnergyMeterProvider.Availability found = provider.probe();
        assertTrue(found.available(), found.reason());
        assertTrue(found.reason().contains("found 4 RAPL zones"), found.reason());
        assertTrue(found.reason().contains("total = package-0 + package-1"), found.reason());
        assertEquals(200, provider.rank());
        assertEquals("rapl-powercap", provider.name());
    }

    @Test
    void psysIsTheTotalOnlyWithoutPackages() throws Exception {
        Path zone = root.resolve("sys/class/powercap/intel-rapl:1");
        Files.createDirectories(zone);
        Files.writeString(zone.resolve("name"), "psys\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "1000\n");
        Files.writeString(zone.resolve("energy_uj"), "10\n");
        List<RaplZone> zones = RaplZones.discover(root, SysfsReader.FILES);
        assertEquals(List.of("psys"), RaplZones.totalZones(zones).stream().map(RaplZone::rail).toList());
        Files.writeString(zone.resolve("name"), "dram\n");
        List<RaplZone> dramOnly = RaplZones.discover(root, SysfsReader.FILES);
        EnergyMeterException e = assertThrows(EnergyMeterException.class, () -> RaplZones.totalZones(dramOnly));
        assertTrue(e.getMessage().contains("intel-rapl:1 (dram)"), e.getMessage());
    }

    @Test
    void intervalBelowFiftyMillisecondsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RaplPowercapMeterProvider(root, Duration.ofMillis(10)));
        assertTrue(e.getMessage().contains("at least 50 ms"), e.getMessage());
    }
}
