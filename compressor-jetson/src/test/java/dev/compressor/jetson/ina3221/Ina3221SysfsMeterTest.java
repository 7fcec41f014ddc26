package dev.compressor.jetson.ina3221;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyMeterProvider;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.energy.RailEnergy;
import dev.compressor.jetson.testing.FixtureTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ina3221SysfsMeterTest {

    /** Power of every rail is multiplied by these factors, one step after another. */
    private static final double[] STEPS = {1.0, 1.3, 0.8, 1.1};
    private static final long STEP_MS = 400;

    @TempDir
    Path dir;

    /** One rail: the file the writer changes, and watts per unit of that file's value. */
    private record Varied(String rail, Path file, long base, double wattsPerUnit) {
    }

    private static long value(Path file) throws Exception {
        return Long.parseLong(Files.readString(file).trim());
    }

    /** The rails' varied files, rewritten at fixed width so that later in-place writes keep the length. */
    private static List<Varied> varied(Ina3221SysfsMeter m) throws Exception {
        List<Varied> out = new ArrayList<>();
        for (Ina3221Channel c : m.channels()) {
            Path changed = c.files().get(c.files().size() - 1);
            double perUnit = c.readsPower() ? 1e-3 : value(c.files().get(0)) / 1e6;
            long base = value(changed);
            FixtureTree.overwrite(changed, base);
            out.add(new Varied(c.rail(), changed, base, perUnit));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tx2-jp4.tree", "xavier-nx-jp4.tree", "orin-nx-jp5.tree", "agx-orin-jp5.tree"})
    void energyMatchesClosedFormWhileAWriterChangesTheFiles(String tree) throws Exception {
        Path root = FixtureTree.materialize(tree, dir);
        AtomicLong first = new AtomicLong(Long.MIN_VALUE);
        AtomicLong last = new AtomicLong();
        AtomicInteger count = new AtomicInteger();
        Ina3221SysfsMeter meter = Ina3221SysfsMeter.discover(root).withRateHz(100).withListener((t, w) -> {
            first.compareAndSet(Long.MIN_VALUE, t);
            last.set(t);
            count.incrementAndGet();
        });
        List<Varied> rails = varied(meter);
        long[] switchedAt = new long[STEPS.length];
        EnergyReading r;
        try (EnergyMeter.Session s = meter.start()) {
            Thread writer = new Thread(() -> {
                try {
                    for (int k = 1; k < STEPS.length; k++) {
                        Thread.sleep(STEP_MS);
                        for (Varied v : rails) {
                            FixtureTree.overwrite(v.file(), Math.round(v.base() * STEPS[k]));
                        }
                        switchedAt[k] = System.nanoTime();
                    }
                    Thread.sleep(STEP_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sysfs-writer");
            writer.start();
            writer.join();
            r = s.stop();
        }
        long a = first.get();
        long b = last.get();
        double total = 0;
        for (Varied v : rails) {
            double expected = 0;
            for (int k = 0; k < STEPS.length; k++) {
                long from = k == 0 ? a : Math.max(a, switchedAt[k]);
                long to = k == STEPS.length - 1 ? b : Math.min(b, switchedAt[k + 1]);
                double watts = Math.round(v.base() * STEPS[k]) * v.wattsPerUnit();
                expected += watts * Math.max(0, to - from) / 1e9;
            }
            double measured = r.rails().stream().filter(x -> x.rail().equals(v.rail())).findFirst().orElseThrow().joules();
            assertEquals(expected, measured, 0.01 * expected, tree + " rail " + v.rail());
            if (r.totalRails().contains(v.rail())) {
                total += expected;
            }
        }
        assertEquals(total, r.joules(), 0.01 * total, tree + " total " + r.totalRails());
        assertEquals(count.get(), r.sampleCount());
        assertEquals(b - a, r.duration().toNanos());
        assertFalse(r.partial());
        assertFalse(r.rails().stream().map(RailEnergy::rail).anyMatch("NC"::equals), "NC rails are ignored");
        assertEquals("ina3221-sysfs", r.source());
    }

    @Test
    void unreadableFileFailsAtStartNamingIt() throws Exception {
        Path root = FixtureTree.materialize("tx2-jp4.tree", dir);
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(root);
        Path f = m.channels().get(3).files().get(0);
        Files.delete(f);
        Files.createDirectory(f); // unreadable as a value, even for root
        EnergyMeterException e = assertThrows(EnergyMeterException.class, m::start);
        assertTrue(e.getMessage().contains("cannot read " + f), e.getMessage());
    }

    @Test
    void fileRemovedAfterDiscoveryFailsAtStartNamingIt() throws Exception {
        Path root = FixtureTree.materialize("agx-orin-jp5.tree", dir);
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(root);
        Path f = m.channels().get(3).files().get(1);
        Files.delete(f);
        EnergyMeterException e = assertThrows(EnergyMeterException.class, m::start);
        assertTrue(e.getMessage().contains("cannot open " + f + ": NoSuchFileException"), e.getMessage());
        assertThrows(EnergyMeterException.class, m::readWatts);
    }

    @Test
    void garbageValueFailsAtStartNamingIt() throws Exception {
        Path root = FixtureTree.materialize("orin-nx-jp5.tree", dir);
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(root);
        Path f = m.channels().get(1).files().get(1);
        Files.writeString(f, "n/a\n");
        EnergyMeterException e = assertThrows(EnergyMeterException.class, m::start);
        assertTrue(e.getMessage().contains("not an integer in " + f + ": 'n/a'"), e.getMessage());
    }

    @Test
    void valueTurningUnreadableMidMeasurementGivesPartialReading() throws Exception {
        Path root = FixtureTree.materialize("xavier-nx-jp4.tree", dir);
        AtomicInteger count = new AtomicInteger();
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(root).withRateHz(200).withListener((t, w) -> count.incrementAndGet());
        Path f = m.channels().get(2).files().get(0);
        try (EnergyMeter.Session s = m.start()) {
            while (count.get() < 4) {
                Thread.sleep(5);
            }
            Files.writeString(f, "gone\n"); // what a read of an unbound device's attribute fails like
            EnergyReading r = s.stop();
            assertTrue(r.partial());
            assertTrue(r.note().contains("sampling stopped early: not an integer in " + f), r.note());
            assertEquals(4.712 * r.seconds(), r.joules(), 1e-9);
        }
    }

    @Test
    void aDisabledChannelIsSkippedAndNamedWhileTheOthersAreMetered() throws Exception {
        Path root = FixtureTree.materialize("orin-nx-jp5.tree", dir);
        Path hwmon = Ina3221DiscoveryTest.orinNxHwmon(root);
        Ina3221DiscoveryTest.disable(hwmon, 2);
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(root);
        assertEquals(List.of("VDD_IN", "VDD_SOC"), m.channels().stream().map(Ina3221Channel::rail).toList());
        assertEquals(List.of("VDD_CPU_GPU_CV"), m.disabledChannels().stream().map(Ina3221Channel::rail).toList());
        String named = "disabled, not metered: VDD_CPU_GPU_CV (" + m.disabledChannels().get(0).directory()
                .resolve("in2_enable") + " = 0)";
        assertTrue(m.describe().endsWith(named), m.describe());
        EnergyMeterProvider.Availability probe = new Ina3221MeterProvider(root).probe();
        assertTrue(probe.available(), probe.reason());
        assertTrue(probe.reason().contains(named), probe.reason());
        assertEquals(java.util.Map.of("VDD_IN", 5048 * 1120 / 1e6, "VDD_SOC", 5040 * 400 / 1e6), m.readWatts());
        EnergyReading r;
        try (EnergyMeter.Session s = m.start()) {
            Thread.sleep(30);
            r = s.stop();
        }
        assertFalse(r.partial(), r.note());
        assertEquals(List.of("VDD_IN", "VDD_SOC"), r.rails().stream().map(RailEnergy::rail).toList());
        assertEquals(5048 * 1120 / 1e6 * r.seconds(), r.joules(), 1e-9);
        assertTrue(r.note().contains(named), r.note());
        assertThrows(IllegalArgumentException.class, () -> m.withTotalRails(List.of("VDD_CPU_GPU_CV")));

        // the same tree with the channel enabled: its unreadable files stop the whole meter
        Files.writeString(hwmon.resolve("in2_enable"), "1\n");
        Ina3221SysfsMeter enabled = Ina3221SysfsMeter.discover(root);
        EnergyMeterException e = assertThrows(EnergyMeterException.class, enabled::start);
        assertTrue(e.getMessage().contains("cannot read " + enabled.channels().get(1).files().get(0)), e.getMessage());
    }

    @Test
    void idleBaselineOfConstantBoardIsItsPower() throws Exception {
        Path root = FixtureTree.materialize("orin-nx-jp5.tree", dir);
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(root);
        double idle = m.measureIdleWatts(Duration.ofMillis(150));
        assertEquals(5048 * 1120 / 1e6, idle, 1e-9);
        try (EnergyMeter.Session s = m.withIdleWatts(idle).start()) {
            Thread.sleep(50);
            EnergyReading r = s.stop();
            assertEquals(0, r.joulesAboveIdle(), 1e-9);
            assertEquals(idle, r.idleWatts().orElseThrow(), 0);
        }
    }

    @Test
    void stopTwiceIsAnError() throws Exception {
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(FixtureTree.materialize("tx2-jp4.tree", dir));
        EnergyMeter.Session s = m.start();
        s.stop();
        assertThrows(IllegalStateException.class, s::stop);
    }

    @Test
    void rejectsBadSettings() throws Exception {
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(FixtureTree.materialize("tx2-jp4.tree", dir));
        assertThrows(IllegalArgumentException.class, () -> m.withRateHz(0));
        assertThrows(IllegalArgumentException.class, () -> m.withRateHz(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> m.withIdleWatts(-1));
        assertThrows(IllegalArgumentException.class, () -> m.withTotalRails(List.of()));
        assertThrows(IllegalArgumentException.class, () -> m.measureIdleWatts(Duration.ZERO));
        assertEquals(1000, m.withRateHz(1000).rateHz());
    }
}
