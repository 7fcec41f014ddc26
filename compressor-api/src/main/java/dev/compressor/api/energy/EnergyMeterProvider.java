package dev.compressor.api.energy;

/**
 * Service-provider interface through which modules register energy meters with
 * {@link java.util.ServiceLoader}. {@code EnergyMeters.best()} probes every provider and picks the
 * available one with the highest {@link #rank()}.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to construct:
 * all probing happens in {@link #probe()}.
 */
public interface EnergyMeterProvider {

    /**
     * The name of the meters this provider creates (the override key), e.g. {@code "rapl-powercap"}.
     *
     * @return the name, unique among providers
     */
    String name();

    /**
     * Preference among available meters: higher wins. Conventions: board sensors read directly
     * (INA3221 sysfs) 400, board tools (tegrastats) 300, CPU package counters (RAPL) 200,
     * estimates 0.
     *
     * @return the rank
     */
    int rank();

    /**
     * Checks whether the meter can run on this machine, without starting it.
     *
     * @return available, or unavailable with the reason
     */
    Availability probe();

    /**
     * Creates the meter.
     *
     * @return a meter ready to {@link EnergyMeter#start()}
     * @throws EnergyMeterException if it cannot run here, saying why
     */
    EnergyMeter create() throws EnergyMeterException;

    /**
     * The outcome of a probe.
     *
     * @param available whether the meter can run here
     * @param reason why (e.g. "found /sys/class/powercap/intel-rapl:0/energy_uj (package-0)" or
     *     "energy_uj is readable only by root since Linux 5.10")
     */
    record Availability(boolean available, String reason) {

        /**
         * An available meter.
         *
         * @param reason what was found
         * @return the availability
         */
        public static Availability yes(String reason) {
            return new Availability(true, reason);
        }

        /**
         * An unavailable meter.
         *
         * @param reason why it cannot run
         * @return the availability
         */
        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
