package dev.compressor.jetson.tegrastats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.energy.RailEnergy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meter driven by a real fake {@code tegrastats} process printing real fixture lines. */
class TegrastatsMeterTest {

    @TempDir
    Path dir;

    private TegrastatsMeter meter(FakeTegrastats fake) {
        return TegrastatsMeter.of(TegrastatsRunner.of(fake.script).withInterval(Duration.ofMillis(40)));
    }

    private static double rail(EnergyReading r, String name) {
        return r.rails().stream().filter(x -> x.rail().equals(name)).mapToDouble(RailEnergy::joules).findFirst().orElseThrow();
    }

    @Test
    void energyEqualsClosedFormOfPrintedRails() throws Exception {
        // Orin NX line: VDD_IN 17946 mW (the total), VDD_CPU_GPU_CV 8896 mW, VDD_SOC 3923 mW, printed every 40 ms.
        FakeTegrastats fake = new FakeTegrastats(dir, TegrastatsParserTest.lines("orin-nx-8gb.txt"));
        EnergyReading r;
        try (EnergyMeter.Session s = meter(fake).start()) {
            fake.awaitPrinted(5);
            r = s.stop();
        }
        double secs = r.seconds();
        assertEquals(17.946 * secs, r.joules(), 1e-9 * r.joules());
        assertEquals(8.896 * secs, rail(r, "VDD_CPU_GPU_CV"), 1e-9);
        assertEquals(3.923 * secs, rail(r, "VDD_SOC"), 1e-9);
        assertEquals(17.946, r.averageWatts(), 1e-9);
        assertEquals(17.946, r.peakWatts(), 1e-12);
        assertEquals(List.of("VDD_IN"), r.totalRails());
        assertFalse(r.partial());
        assertFalse(r.estimated());
        assertTrue(r.sampleCount() >= 5, "samples: " + r.sampleCount());
        assertEquals("tegrastats", r.source());
        assertEquals(List.of("--interval 40"), Files.readAllLines(fake.argsFile), "started once, never with --stop");
        assertEquals(List.of(), fake.running(), "no process left behind");
    }

    @Test
    void boardWithoutInputRailNamesTheSumAndIgnoresNc() throws Exception {
        // AGX Orin: VDD_GPU_SOC 2340, VDD_CPU_CV 390, VIN_SYS_5V0 4025, NC, VDDQ_VDD2_1V8AO 301 (fed by VIN_SYS_5V0), NC.
        FakeTegrastats fake = new FakeTegrastats(dir, TegrastatsParserTest.lines("agx-orin-64gb.txt"));
        EnergyReading r;
        try (EnergyMeter.Session s = meter(fake).withIdleWatts(1.0).start()) {
            fake.awaitPrinted(3);
            r = s.stop();
        }
        assertEquals(List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0"), r.totalRails());
        assertEquals(List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO"),
                r.rails().stream().map(RailEnergy::rail).toList());
        assertEquals((2.340 + 0.390 + 4.025) * r.seconds(), r.joules(), 1e-9);
        assertEquals((2.340 + 0.390 + 4.025 - 1.0) * r.seconds(), r.joulesAboveIdle(), 1e-9);
        assertEquals(Optional.of(1.0), r.idleWatts());
        assertTrue(r.note().contains("VDDQ_VDD2_1V8AO (fed by VIN_SYS_5V0)"), r.note());
    }

    @Test
    void varyingLinesStayBetweenTheirBounds() throws Exception {
        // TX2 lines: VDD_IN 3140 mW (no root) and 5297 mW (root) alternate.
        List<String> lines = List.of(TegrastatsParserTest.lines("tx2-jp4-nosudo.txt").get(0),
                TegrastatsParserTest.lines("tx2-jp4-sudo.txt").get(0));
        FakeTegrastats fake = new FakeTegrastats(dir, lines);
        EnergyReading r;
        try (EnergyMeter.Session s = meter(fake).start()) {
            fake.awaitPrinted(6);
            r = s.stop();
        }
        assertTrue(r.averageWatts() > 3.140 && r.averageWatts() < 5.297, "average " + r.averageWatts());
        assertEquals(5.297, r.peakWatts(), 1e-12);
    }

    @Test
    void killedChildGivesPartialReadingWithCause() throws Exception {
        FakeTegrastats fake = new FakeTegrastats(dir, TegrastatsParserTest.lines("orin-nx-8gb.txt"));
        EnergyMeter.Session s = meter(fake).start();
        fake.awaitPrinted(3);
        List<ProcessHandle> children = fake.running();
        assertEquals(1, children.size(), "one fake running");
        assertTrue(children.get(0).destroyForcibly());
        children.get(0).onExit().get();

        EnergyReading r = s.stop();
        s.close();
        assertTrue(r.partial());
        assertTrue(r.note().contains("ended before it was stopped"), r.note());
        assertTrue(r.note().contains("exit code 137 (killed by signal 9, SIGKILL)"), r.note());
        assertEquals(17.946 * r.seconds(), r.joules(), 1e-9 * r.joules());
        assertTrue(r.sampleCount() >= 3);
        assertEquals(List.of(), fake.running(), "no process left behind");
    }

    @Test
    void stoppingOneSessionLeavesAnotherRunning() throws Exception {
        FakeTegrastats fake = new FakeTegrastats(dir, TegrastatsParserTest.lines("orin-nx-8gb.txt"));
        TegrastatsMeter m = meter(fake);
        try (EnergyMeter.Session a = m.start(); EnergyMeter.Session b = m.start()) {
            fake.awaitPrinted(6);
            assertEquals(2, fake.running().size());
            assertFalse(a.stop().partial());
            assertEquals(1, fake.running().size(), "b's child still runs");
            EnergyReading rb = b.stop();
            assertFalse(rb.partial(), rb.note());
        }
        assertEquals(List.of(), fake.running());
    }

    @Test
    void aTegrastatsThatPrintsNoRailsIsNamedAsSuchNotGivenATimingHint() throws Exception {
        // the verbatim L4T 28 TX1 line: RAM, SWAP, cpu, EMC, APE, GR3D and no VDD_/POM_ power field
        String tx1 = TegrastatsParserTest.lines("tx1-l4t28.txt").get(0);
        FakeTegrastats fake = new FakeTegrastats(dir, List.of(tx1));
        EnergyMeter.Session s = meter(fake).start();
        fake.awaitPrinted(2);
        EnergyMeterException e = assertThrows(EnergyMeterException.class, s::stop);
        String m = e.getMessage();
        assertTrue(m.startsWith("this tegrastats prints no power rails: "), m);
        assertTrue(m.contains("none has a VDD_*/POM_* power field, e.g. '" + tx1 + "'"), m);
        assertTrue(m.contains("L4T 28") && m.contains("as root") && m.contains("newer L4T"), m);
        assertFalse(m.contains("longer measurement"), m);
        s.close();
    }

    @Test
    void noLineAtAllKeepsTheTimingHint() throws Exception {
        FakeTegrastats fake = new FakeTegrastats(dir, List.of(""));
        EnergyMeter.Session s = TegrastatsMeter.of(TegrastatsRunner.of(fake.script).withInterval(Duration.ofHours(1)))
                .start();
        EnergyMeterException e = assertThrows(EnergyMeterException.class, s::stop);
        assertTrue(e.getMessage().contains("tegrastats printed no line in "), e.getMessage());
        assertTrue(e.getMessage().contains("use a longer measurement or a shorter interval"), e.getMessage());
        s.close();
    }

    @Test
    void missingExecutableGivesAClearException() {
        TegrastatsMeter m = TegrastatsMeter.of(TegrastatsRunner.of(dir.resolve("no-such-tegrastats")));
        EnergyMeterException e = assertThrows(EnergyMeterException.class, m::start);
        assertTrue(e.getMessage().contains("no-such-tegrastats"), e.getMessage());
    }

    @Test
    void idleBaselineIsTheAveragePower() throws Exception {
        FakeTegrastats fake = new FakeTegrastats(dir, TegrastatsParserTest.lines("orin-nx-8gb.txt"));
        assertEquals(17.946, meter(fake).measureIdleWatts(Duration.ofSeconds(3)), 1e-9);
    }

    @Test
    void runnerRejectsBadIntervals() {
        TegrastatsRunner r = TegrastatsRunner.of(dir);
        assertThrows(IllegalArgumentException.class, () -> r.withInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> r.withInterval(Duration.ofHours(2)));
        assertEquals(List.of(dir.toString(), "--interval", "250"), r.withInterval(Duration.ofMillis(250)).command());
    }
}
