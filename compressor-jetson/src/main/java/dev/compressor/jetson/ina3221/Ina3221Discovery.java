package dev.compressor.jetson.ina3221;

import dev.compressor.api.energy.EnergyMeterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the INA3221 channels of a board under a sysfs root. Works across generations: every
 * {@code <root>/sys/bus/i2c/devices/*} (and {@code drivers/ina3221*}{@code /*}) whose {@code name} is
 * {@code ina3221} or {@code ina3221x}, then its {@code hwmon/hwmonN} child (JetPack 5+, N varies) or
 * its {@code iio:deviceN} child (JetPack 4). Channels labelled {@code NC} are unconnected and left out;
 * channels without a label file are not connected either. A hwmon channel whose {@code inN_enable}
 * reads {@code 0} is disabled (the kernel driver, {@code Documentation/hwmon/ina3221.rst}, then
 * answers every read of its values with {@code ENODATA}): it is reported in
 * {@link Channels#disabled()} and never read. Stateless and thread-safe.
 */
public final class Ina3221Discovery {

    private static final Set<String> NAMES = Set.of("ina3221", "ina3221x");

    private Ina3221Discovery() {
    }

    /**
     * The channels found: those to meter and those the kernel has disabled.
     *
     * @param metered connected, enabled channels, ordered by device then channel
     * @param disabled connected channels whose {@code inN_enable} reads 0, in the same order
     */
    public record Channels(List<Ina3221Channel> metered, List<Ina3221Channel> disabled) {
        /** Copies the lists. */
        public Channels {
            metered = List.copyOf(metered);
            disabled = List.copyOf(disabled);
        }
    }

    /**
     * Discovers the channels to meter.
     *
     * @param root the directory standing for {@code /}
     * @return connected, enabled channels, ordered by device then channel
     * @throws EnergyMeterException as {@link #discoverAll(Path)}
     */
    public static List<Ina3221Channel> discover(Path root) throws EnergyMeterException {
        return discoverAll(root).metered();
    }

    /**
     * Discovers the channels, enabled and disabled.
     *
     * @param root the directory standing for {@code /}
     * @return the channels to meter and the disabled ones
     * @throws EnergyMeterException if no INA3221 is found, or it has no connected enabled channel, or
     *     a labelled channel lacks its value files, or a file cannot be read; the message names the path
     */
    public static Channels discoverAll(Path root) throws EnergyMeterException {
        Path devices = root.resolve("sys/bus/i2c/devices");
        Map<String, Path> found = new TreeMap<>();
        Set<Path> seen = new HashSet<>();
        List<Path> candidates = new ArrayList<>(list(devices, "*"));
        for (String driver : NAMES) {
            candidates.addAll(list(root.resolve("sys/bus/i2c/drivers").resolve(driver), "*-*"));
        }
        for (Path dev : candidates) {
            String name = readText(dev.resolve("name")).orElse("");
            Path real = realPath(dev);
            if (NAMES.contains(name) && seen.add(real)) {
                found.put(dev.getFileName() + "|" + real, dev);
            }
        }
        if (found.isEmpty()) {
            throw new EnergyMeterException("no INA3221 power monitor found: no I2C device named ina3221 or ina3221x under "
                    + devices + " (not a Jetson, or a board without INA3221, such as Thor with its INA238)");
        }
        List<Ina3221Channel> channels = new ArrayList<>();
        List<Ina3221Channel> disabled = new ArrayList<>();
        List<String> unbound = new ArrayList<>();
        for (Path dev : found.values()) {
            List<Path> hwmon = list(dev.resolve("hwmon"), "hwmon*");
            hwmon = hwmon.isEmpty() ? list(dev, "hwmon[0-9]*") : hwmon;
            List<Path> iio = list(dev, "iio:device*");
            for (Path dir : hwmon) {
                for (int k = 1; k <= 3; k++) {
                    channel(dir, Ina3221Layout.HWMON, k, channels, disabled);
                }
            }
            for (Path dir : iio) {
                for (int k = 0; k <= 2; k++) {
                    channel(dir, Ina3221Layout.IIO, k, channels, disabled);
                }
            }
            if (hwmon.isEmpty() && iio.isEmpty()) {
                unbound.add(dev.toString());
            }
        }
        if (channels.isEmpty() && !disabled.isEmpty()) {
            throw new EnergyMeterException("INA3221 found at " + found.values() + " but every connected channel is"
                    + " disabled: " + describe(disabled) + "; enable one with 'echo 1 | sudo tee <file>'");
        }
        if (channels.isEmpty()) {
            throw new EnergyMeterException("INA3221 found at " + found.values() + " but no connected channel"
                    + (unbound.isEmpty() ? "" : "; no hwmon or iio directory under " + unbound + " (driver not bound?)"));
        }
        return new Channels(uniqueNames(channels), disabled);
    }

    /**
     * Names disabled channels with their enable files, e.g. {@code VDD_SOC (/sys/.../in3_enable = 0)}.
     *
     * @param disabled channels from {@link Channels#disabled()}
     * @return the list in words, comma-separated
     */
    public static String describe(List<Ina3221Channel> disabled) {
        List<String> out = new ArrayList<>();
        for (Ina3221Channel c : disabled) {
            out.add(c.rail() + " (" + enableFile(c.directory(), c.index()) + " = 0)");
        }
        return String.join(", ", out);
    }

    private static Path enableFile(Path dir, int k) {
        return dir.resolve("in" + k + "_enable");
    }

    private static void channel(Path dir, Ina3221Layout layout, int k, List<Ina3221Channel> out,
            List<Ina3221Channel> disabled) throws EnergyMeterException {
        Path label = dir.resolve(layout == Ina3221Layout.HWMON ? "in" + k + "_label" : "rail_name_" + k);
        if (!Files.exists(label)) {
            return;
        }
        String rail = readText(label).orElseThrow(() -> new EnergyMeterException("cannot read INA3221 label " + label));
        if (rail.isEmpty() || rail.equals("NC")) {
            return;
        }
        List<Path> files;
        if (layout == Ina3221Layout.HWMON) {
            files = List.of(dir.resolve("in" + k + "_input"), dir.resolve("curr" + k + "_input"));
        } else {
            Path power = dir.resolve("in_power" + k + "_input");
            files = Files.exists(power) ? List.of(power)
                    : List.of(dir.resolve("in_voltage" + k + "_input"), dir.resolve("in_current" + k + "_input"));
        }
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new EnergyMeterException("INA3221 rail " + rail + " (" + label + "): missing value file " + f);
            }
        }
        Ina3221Channel channel = new Ina3221Channel(rail, layout, dir, k, files);
        boolean off = layout == Ina3221Layout.HWMON && readText(enableFile(dir, k)).map("0"::equals).orElse(false);
        (off ? disabled : out).add(channel);
    }

    /** Two chips with the same label get the device name appended to the second. */
    private static List<Ina3221Channel> uniqueNames(List<Ina3221Channel> channels) {
        Map<String, Ina3221Channel> byName = new LinkedHashMap<>();
        for (Ina3221Channel c : channels) {
            String name = byName.containsKey(c.rail()) ? c.rail() + "@" + c.directory().getFileName() : c.rail();
            byName.put(name, new Ina3221Channel(name, c.layout(), c.directory(), c.index(), c.files()));
        }
        return List.copyOf(byName.values());
    }

    private static List<Path> list(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            s.forEach(p -> {
                if (Files.isDirectory(p)) {
                    out.add(p);
                }
            });
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    private static Optional<String> readText(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\0", "").trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
