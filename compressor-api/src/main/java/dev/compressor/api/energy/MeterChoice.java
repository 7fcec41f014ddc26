package dev.compressor.api.energy;

import java.util.List;
import java.util.Objects;

/**
 * The meter {@link EnergyMeters#best()} chose, and why.
 *
 * @param meter the meter, ready to start
 * @param provider the name of the provider that created it
 * @param reason a human-readable account: the override used, or the ranking, with every provider
 *     probed and what it found
 * @param probes every provider probed, highest rank first
 */
public record MeterChoice(EnergyMeter meter, String provider, String reason, List<ProviderProbe> probes) {

    /** Validates and copies. */
    public MeterChoice {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reason, "reason");
        probes = List.copyOf(probes);
    }
}
