package dev.compressor.api.energy;

import java.io.IOException;
import java.util.Map;

/**
 * A source of instantaneous power readings, one value per rail, polled by a {@link PowerSampler}.
 * Example: an INA3221 reader returning {@code {VDD_IN=4.712, VDD_CPU_GPU_CV=1.204, VDD_SOC=1.322}}.
 *
 * <p>Every call must return the same rails in the same order (a {@link java.util.LinkedHashMap}
 * or {@link Map#of()} with a stable order); the first call fixes the rail set. Implementations
 * are called from one thread at a time, but not always the same thread.
 */
@FunctionalInterface
public interface PowerSource {

    /**
     * Reads the current power of every rail.
     *
     * @return rail name to power in watts (finite, not negative)
     * @throws IOException if the hardware cannot be read; polling then ends and the reading is
     *     marked partial
     */
    Map<String, Double> read() throws IOException;
}
