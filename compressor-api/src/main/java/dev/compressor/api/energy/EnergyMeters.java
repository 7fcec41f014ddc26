package dev.compressor.api.energy;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds energy meters through {@link ServiceLoader}: every {@link EnergyMeterProvider} on the
 * class path or module path is probed and the available one with the highest rank wins.
 *
 * <p>Override: the system property {@value #OVERRIDE_PROPERTY} or, if that is unset, the
 * environment variable {@value #OVERRIDE_ENV} names a provider (e.g. {@code cpu-time-estimate});
 * that provider is used or an exception says why it cannot be. Providers are looked up on every
 * call (probing reads the machine's state then). Thread-safe.
 */
public final class EnergyMeters {

    /** System property naming the provider to use instead of the best-ranked one. */
    public static final String OVERRIDE_PROPERTY = "compressor.energy.meter";

    /** Environment variable naming the provider to use; the system property takes precedence. */
    public static final String OVERRIDE_ENV = "COMPRESSOR_ENERGY_METER";

    private EnergyMeters() {
    }

    /**
     * Chooses the meter to use: the override if one is set, else the highest-ranked available one.
     * A provider whose meter fails to create is skipped and the next one tried.
     *
     * @return the meter with the provider's name and the reason for the choice
     * @throws EnergyMeterException if the override names an unknown or unavailable provider, or no
     *     provider is available; the message lists every provider and what it found
     */
    public static MeterChoice best() throws EnergyMeterException {
        return defaults().best();
    }

    /**
     * Creates the meter of a named provider, whatever its rank.
     *
     * @param provider a provider name, e.g. {@code rapl-powercap}
     * @return the meter
     * @throws EnergyMeterException if no provider has that name (the known names are listed) or it
     *     is unavailable here (its reason is given)
     */
    public static EnergyMeter byName(String provider) throws EnergyMeterException {
        return defaults().byName(provider);
    }

    /**
     * Probes every provider.
     *
     * @return one probe per provider, highest rank first, available or not
     */
    public static List<ProviderProbe> probeAll() {
        return defaults().probeAll();
    }

    /**
     * The names of the providers whose meters can run here.
     *
     * @return available provider names, highest rank first
     */
    public static List<String> available() {
        return defaults().available();
    }

    private static MeterSelector defaults() {
        return new MeterSelector(ServiceLoader.load(EnergyMeterProvider.class, EnergyMeters.class.getClassLoader()),
                System.getenv(), System.getProperties());
    }
}
