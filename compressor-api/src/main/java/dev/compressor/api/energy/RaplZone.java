package dev.compressor.api.energy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One RAPL powercap zone ({@code intel-rapl:N} or subzone {@code intel-rapl:N:M}).
 *
 * @param id the directory name, e.g. {@code intel-rapl:0:1}
 * @param rail the unique rail name reported, e.g. {@code package-0} or {@code package-0/dram}
 * @param dir the zone's directory
 * @param maxRangeMicrojoules the counter's range ({@code max_energy_range_uj}); it wraps to 0 after it
 * @param topLevel true for {@code intel-rapl:N}, false for a subzone
 */
record RaplZone(String id, String rail, Path dir, long maxRangeMicrojoules, boolean topLevel) {

    RaplZone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rail, "rail");
        Objects.requireNonNull(dir, "dir");
        if (maxRangeMicrojoules <= 0) {
            throw new IllegalArgumentException("max_energy_range_uj of " + id + " must be > 0, got "
                    + maxRangeMicrojoules);
        }
    }

    /**
     * The counter file.
     *
     * @return {@code dir/energy_uj}
     */
    Path energyFile() {
        return dir.resolve("energy_uj");
    }

    /**
     * Energy between two counter reads, allowing for one wrap-around.
     *
     * @param before the earlier counter value in microjoules
     * @param after the later counter value in microjoules
     * @return {@code after - before}, or {@code after - before + range} if the counter wrapped
     */
    long deltaMicrojoules(long before, long after) {
        return after >= before ? after - before : after - before + maxRangeMicrojoules;
    }
}
