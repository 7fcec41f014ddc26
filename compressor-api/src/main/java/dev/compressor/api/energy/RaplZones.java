package dev.compressor.api.energy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the RAPL zones under a sysfs root and reads their counters. Stateless. */
final class RaplZones {

    private static final Pattern ZONE = Pattern.compile("intel-rapl:(\\d+)(?::(\\d+))?");

    private RaplZones() {
    }

    /** The powercap class directory under a root. */
    static Path powercapDir(Path root) {
        return root.resolve("sys/class/powercap");
    }

    /**
     * Finds every zone and checks that each counter can be read.
     *
     * @param root the file-system root ({@code /} on a real machine)
     * @param reader the file reader
     * @return zones sorted by package then subzone, rails named uniquely
     * @throws EnergyMeterException if there are no zones or a file is missing, unreadable or malformed
     */
    static List<RaplZone> discover(Path root, SysfsReader reader) throws EnergyMeterException {
        Path dir = powercapDir(root);
        if (!Files.isDirectory(dir)) {
            throw new EnergyMeterException("no RAPL powercap interface: " + dir + " does not exist (not Linux, "
                    + "the intel_rapl driver is not loaded, or /sys is not mounted in this container)");
        }
        List<String> ids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> ZONE.matcher(n).matches()).forEach(ids::add);
        } catch (IOException e) {
            throw new EnergyMeterException("cannot list " + dir + ": " + e, e);
        }
        if (ids.isEmpty()) {
            throw new EnergyMeterException("no RAPL zones (intel-rapl:N) in " + dir);
        }
        ids.sort(Comparator.comparingLong((String id) -> part(id, 1)).thenComparingLong(id -> part(id, 2)));
        List<RaplZone> zones = new ArrayList<>();
        Set<String> rails = new HashSet<>();
        Map<Long, String> packageNames = new HashMap<>();
        for (String id : ids) {
            Path zoneDir = dir.resolve(id);
            String name = read(reader, zoneDir.resolve("name"));
            Path rangeFile = zoneDir.resolve("max_energy_range_uj");
            long range = parse(rangeFile, read(reader, rangeFile));
            if (range <= 0) {
                throw new EnergyMeterException(rangeFile + " must be > 0, got " + range);
            }
            boolean top = part(id, 2) < 0;
            if (top) {
                packageNames.put(part(id, 1), name);
            }
            String rail = top ? name : packageNames.getOrDefault(part(id, 1), "intel-rapl:" + part(id, 1)) + "/" + name;
            if (!rails.add(rail)) {
                rail = rail + " [" + id + "]";
                rails.add(rail);
            }
            zones.add(new RaplZone(id, rail, zoneDir, range, top));
        }
        readCounters(zones, reader);
        return List.copyOf(zones);
    }

    private static long part(String id, int group) {
        Matcher m = ZONE.matcher(id);
        if (!m.matches() || m.group(group) == null) {
            return -1;
        }
        return Long.parseLong(m.group(group));
    }

    /**
     * Reads every zone's counter.
     *
     * @return microjoules per zone, in the zones' order
     * @throws EnergyMeterException if a counter cannot be read or parsed, saying why
     */
    static long[] readCounters(List<RaplZone> zones, SysfsReader reader) throws EnergyMeterException {
        long[] out = new long[zones.size()];
        for (int i = 0; i < out.length; i++) {
            Path file = zones.get(i).energyFile();
            out[i] = parse(file, read(reader, file));
        }
        return out;
    }

    private static String read(SysfsReader reader, Path file) throws EnergyMeterException {
        try {
            return reader.read(file).trim();
        } catch (AccessDeniedException e) {
            throw new EnergyMeterException(permissionMessage(file), e);
        } catch (IOException e) {
            throw new EnergyMeterException("cannot read " + file + ": " + e, e);
        }
    }

    private static long parse(Path file, String text) throws EnergyMeterException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new EnergyMeterException(file + " should hold a whole number of microjoules, found '" + text + "'", e);
        }
    }

    /** Explains the root-only counters and how to read them anyway. */
    static String permissionMessage(Path file) {
        return "permission denied reading " + file + ": the RAPL energy counters are readable only by root since "
                + "Linux 5.10 (the fix for the PLATYPUS power side channel, CVE-2020-8694). Run as root, or on a "
                + "machine you trust grant read access until the next boot with "
                + "'sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj /sys/class/powercap/intel-rapl:*:*/energy_uj'"
                + " (a udev rule makes it permanent), or choose another meter with -D"
                + EnergyMeters.OVERRIDE_PROPERTY + "=cpu-time-estimate";
    }

    /**
     * The rails that make the total: the {@code package-N} zones; if there are none, {@code psys}.
     * Subzones are never added: they are parts of a package or outside it (dram).
     *
     * @throws EnergyMeterException if neither exists
     */
    static List<RaplZone> totalZones(List<RaplZone> zones) throws EnergyMeterException {
        List<RaplZone> packages = zones.stream().filter(z -> z.topLevel() && z.rail().startsWith("package-")).toList();
        if (!packages.isEmpty()) {
            return packages;
        }
        List<RaplZone> psys = zones.stream().filter(z -> z.topLevel() && z.rail().startsWith("psys")).toList();
        if (!psys.isEmpty()) {
            return psys;
        }
        throw new EnergyMeterException("no package-N or psys zone among the RAPL zones "
                + zones.stream().map(z -> z.id() + " (" + z.rail() + ")").toList() + "; cannot tell which make a total");
    }
}
