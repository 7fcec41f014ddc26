package dev.compressor.api.energy;

import java.util.Objects;

/**
 * What probing one {@link EnergyMeterProvider} found.
 *
 * @param provider the provider's name
 * @param rank the provider's rank (higher is preferred)
 * @param available whether its meter can run here
 * @param reason what was found, or why it cannot run
 */
public record ProviderProbe(String provider, int rank, boolean available, String reason) {

    /** Validates the names. */
    public ProviderProbe {
        Objects.requireNonNull(provider, "provider");
        reason = reason == null ? "" : reason;
    }

    @Override
    public String toString() {
        return provider + " (rank " + rank + "): " + (available ? "available, " : "unavailable, ") + reason;
    }
}
