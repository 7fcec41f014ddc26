package dev.compressor.jetson.ina3221;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.jetson.testing.FixtureTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ina3221DiscoveryTest {

    @TempDir
    Path dir;

    private static List<String> rails(List<Ina3221Channel> cs) {
        return cs.stream().map(Ina3221Channel::rail).toList();
    }

    @Test
    void tx2IioTwoChips() throws Exception {
        Path root = FixtureTree.materialize("tx2-jp4.tree", dir);
        List<Ina3221Channel> cs = Ina3221Discovery.discover(root);
        assertEquals(List.of("VDD_SYS_GPU", "VDD_SYS_SOC", "VDD_4V0_WIFI", "VDD_IN", "VDD_SYS_CPU", "VDD_SYS_DDR"), rails(cs));
        assertTrue(cs.stream().allMatch(c -> c.layout() == Ina3221Layout.IIO && c.readsPower()));
        assertEquals("in_power0_input", cs.get(3).files().get(0).getFileName().toString());
        assertEquals("iio:device1", cs.get(3).directory().getFileName().toString());

        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(root);
        assertEquals(List.of("VDD_IN"), m.totalRails());
        Map<String, Double> w = m.readWatts();
        assertEquals(3.140, w.get("VDD_IN"), 1e-12);
        assertEquals(0.557, w.get("VDD_SYS_DDR"), 1e-12);
    }

    @Test
    void xavierNxIioThroughSymlinkedDevice() throws Exception {
        Path root = FixtureTree.materialize("xavier-nx-jp4.tree", dir);
        List<Ina3221Channel> cs = Ina3221Discovery.discover(root);
        assertEquals(List.of("VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"), rails(cs));
        assertEquals(4.712, Ina3221SysfsMeter.discover(root).readWatts().get("VDD_IN"), 1e-12);
    }

    @Test
    void orinNxHwmonComputesPowerFromVoltageAndCurrent() throws Exception {
        Path root = FixtureTree.materialize("orin-nx-jp5.tree", dir);
        List<Ina3221Channel> cs = Ina3221Discovery.discover(root);
        assertEquals(List.of("VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"), rails(cs), "in7 'sum of shunt voltages' is no rail");
        Ina3221Channel in = cs.get(0);
        assertEquals(Ina3221Layout.HWMON, in.layout());
        assertEquals("hwmon5", in.directory().getFileName().toString());
        assertEquals(List.of("in1_input", "curr1_input"), in.files().stream().map(f -> f.getFileName().toString()).toList());
        Map<String, Double> w = Ina3221SysfsMeter.discover(root).readWatts();
        assertEquals(5048 * 1120 / 1e6, w.get("VDD_IN"), 1e-12);
        assertEquals(5040 * 400 / 1e6, w.get("VDD_SOC"), 1e-12);
    }

    @Test
    void agxOrinIgnoresNcAndHasNoInputRail() throws Exception {
        Path root = FixtureTree.materialize("agx-orin-jp5.tree", dir);
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(root);
        assertEquals(List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO"), rails(m.channels()));
        assertEquals(List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0"), m.totalRails());
        assertTrue(m.totalExplanation().contains("excluded VDDQ_VDD2_1V8AO (fed by VIN_SYS_5V0)"), m.totalExplanation());
        assertEquals(List.of("VDD_CPU_CV"), m.withTotalRails(List.of("VDD_CPU_CV")).totalRails());
        assertThrows(IllegalArgumentException.class, () -> m.withTotalRails(List.of("NC")));
    }

    @Test
    void iioWithoutPowerFileFallsBackToVoltageTimesCurrent() throws Exception {
        Path root = FixtureTree.materialize("tx2-jp4.tree", dir);
        Path iio = root.resolve("sys/devices/3160000.i2c/i2c-0/0-0041/iio:device1");
        Files.delete(iio.resolve("in_power0_input"));
        Ina3221SysfsMeter m = Ina3221SysfsMeter.discover(root);
        assertEquals(19072 * 164 / 1e6, m.readWatts().get("VDD_IN"), 1e-12);
    }

    /** The Orin NX tree's hwmon directory, as the kernel lays it out. */
    static Path orinNxHwmon(Path root) {
        return root.resolve("sys/devices/platform/c240000.i2c/i2c-1/1-0040/hwmon/hwmon5");
    }

    /**
     * Disables channel {@code k} as writing 0 to {@code inK_enable} does: the enable file reads 0 and
     * the channel's value files can no longer be read (the driver answers ENODATA; a directory in
     * their place fails every read the same way, even for root).
     */
    static void disable(Path hwmon, int k) throws Exception {
        Files.writeString(hwmon.resolve("in" + k + "_enable"), "0\n");
        for (String f : List.of("in" + k + "_input", "curr" + k + "_input")) {
            Files.delete(hwmon.resolve(f));
            Files.createDirectory(hwmon.resolve(f));
        }
    }

    @Test
    void aDisabledChannelIsReportedAndLeftOut() throws Exception {
        Path root = FixtureTree.materialize("orin-nx-jp5.tree", dir);
        assertEquals(List.of(), Ina3221Discovery.discoverAll(root).disabled(), "the tree's channels read in1..3_enable = 1");
        disable(orinNxHwmon(root), 2);
        Ina3221Discovery.Channels cs = Ina3221Discovery.discoverAll(root);
        assertEquals(List.of("VDD_IN", "VDD_SOC"), rails(cs.metered()));
        assertEquals(List.of("VDD_CPU_GPU_CV"), rails(cs.disabled()));
        assertEquals(rails(cs.metered()), rails(Ina3221Discovery.discover(root)));
        Path enable = cs.disabled().get(0).directory().resolve("in2_enable");
        assertEquals("VDD_CPU_GPU_CV (" + enable + " = 0)", Ina3221Discovery.describe(cs.disabled()));
    }

    @Test
    void everyChannelDisabledSaysSoAndHowToEnableOne() throws Exception {
        Path root = FixtureTree.materialize("orin-nx-jp5.tree", dir);
        for (int k = 1; k <= 3; k++) {
            disable(orinNxHwmon(root), k);
        }
        EnergyMeterException e = assertThrows(EnergyMeterException.class, () -> Ina3221Discovery.discover(root));
        assertTrue(e.getMessage().contains("every connected channel is disabled: VDD_IN ("), e.getMessage());
        assertTrue(e.getMessage().contains("in3_enable = 0)") && e.getMessage().contains("echo 1 | sudo tee"),
                e.getMessage());
    }

    @Test
    void hostWithoutIna3221SaysSo() {
        Path root = FixtureTree.materialize("x86-host.tree", dir);
        EnergyMeterException e = assertThrows(EnergyMeterException.class, () -> Ina3221Discovery.discover(root));
        assertTrue(e.getMessage().contains("no INA3221 power monitor found"), e.getMessage());
    }

    @Test
    void missingValueFileNamesRailAndPath() throws Exception {
        Path root = FixtureTree.materialize("orin-nx-jp5.tree", dir);
        Path curr = root.resolve("sys/devices/platform/c240000.i2c/i2c-1/1-0040/hwmon/hwmon5/curr2_input");
        Files.delete(curr);
        EnergyMeterException e = assertThrows(EnergyMeterException.class, () -> Ina3221Discovery.discover(root));
        assertTrue(e.getMessage().contains("VDD_CPU_GPU_CV"), e.getMessage());
        assertTrue(e.getMessage().contains("missing value file " + root.resolve("sys/bus/i2c/devices/1-0040")
                .resolve("hwmon/hwmon5/curr2_input")), e.getMessage());
    }

    @Test
    void unboundChipIsReported() throws Exception {
        Path root = FixtureTree.materialize("xavier-nx-jp4.tree", dir);
        Path dev = root.resolve("sys/devices/c250000.i2c/i2c-7/7-0040");
        for (String f : List.of("name", "rail_name_0", "in_power0_input", "in_current0_input", "in_voltage0_input",
                "rail_name_1", "in_power1_input", "in_current1_input", "in_voltage1_input", "rail_name_2",
                "in_power2_input", "in_current2_input", "in_voltage2_input")) {
            Files.delete(dev.resolve("iio:device0").resolve(f));
        }
        Files.delete(dev.resolve("iio:device0"));
        EnergyMeterException e = assertThrows(EnergyMeterException.class, () -> Ina3221Discovery.discover(root));
        assertTrue(e.getMessage().contains("driver not bound"), e.getMessage());
    }
}
