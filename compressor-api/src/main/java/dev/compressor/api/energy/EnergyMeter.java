package dev.compressor.api.energy;

/**
 * A source of energy measurements for a stretch of work, such as a set of inferences.
 *
 * <p>Usage: {@code try (EnergyMeter.Session s = meter.start()) { work(); EnergyReading r = s.stop(); }}.
 * A meter may be started many times; each {@link Session} is used by one thread.
 * Implementations are thread-safe unless they say otherwise.
 */
public interface EnergyMeter {

    /**
     * A short stable name of the meter, e.g. {@code "ina3221-sysfs"} or {@code "rapl-powercap"}.
     *
     * @return the name, also {@link EnergyReading#source()} of its readings
     */
    String name();

    /**
     * Whether this meter's readings are estimates (a model of power, not a sensor).
     * Every reading it returns carries the same flag.
     *
     * @return true for an estimate
     */
    boolean estimated();

    /**
     * Starts measuring.
     *
     * @return a running session; call {@link Session#stop()} to end it and get the reading
     * @throws EnergyMeterException if the meter cannot run here, saying why
     */
    Session start() throws EnergyMeterException;

    /**
     * Measures the average power while this thread sleeps: the idle baseline to subtract from a
     * workload's energy.
     *
     * @param duration how long to measure; several sampling intervals at least
     * @return average watts
     * @throws EnergyMeterException if the meter cannot run or the measurement fails
     * @throws IllegalArgumentException if the duration is not positive
     */
    default double measureIdleWatts(java.time.Duration duration) throws EnergyMeterException {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("idle duration must be positive, got " + duration);
        }
        try (Session s = start()) {
            Thread.sleep(duration.toMillis());
            return s.stop().averageWatts();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnergyMeterException("interrupted while measuring idle power", e);
        }
    }

    /** One running measurement. */
    interface Session extends AutoCloseable {

        /**
         * Ends the measurement and returns what was measured. Calling it twice is an error.
         *
         * @return the reading for the interval since {@link EnergyMeter#start()}
         * @throws EnergyMeterException if the source failed while measuring
         */
        EnergyReading stop() throws EnergyMeterException;

        /** Releases any resource (sampler thread, child process) without producing a reading. */
        @Override
        void close();
    }
}
