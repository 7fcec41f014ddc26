package dev.compressor.api.energy;

import com.google.common.base.Ticker;
import java.util.Locale;

/**
 * Provides the CPU-time estimate ({@value #NAME}), available everywhere, rank 0: energy is
 * estimated as {@code process CPU seconds x watts per busy core + idle watts x wall seconds}. Every
 * reading is flagged {@linkplain EnergyReading#estimated() estimated} and its note says so; use it
 * to compare runs on one machine, never as a measurement.
 *
 * <p>Default {@value #DEFAULT_WATTS_PER_CORE} W per busy core: a round figure for the share of
 * package power one fully busy core draws on current desktop and server x86 parts (package power
 * divided by cores: 65 W / 6-8 cores is 8-11 W, 125 W / 16 cores about 8 W); it overstates laptop
 * and ARM cores (Jetson cores draw about 1-2 W) and ignores memory, GPU and the rest of the board.
 * Default idle power 0 W: only the work of this process is counted. Both can be set with the system
 * properties {@value #WATTS_PER_CORE_PROPERTY} and {@value #IDLE_WATTS_PROPERTY} or the
 * constructor. Immutable and thread-safe.
 */
public final class CpuTimeEstimateMeterProvider implements EnergyMeterProvider {

    /** The provider and meter name. */
    public static final String NAME = CpuTimeEstimateMeter.NAME;

    /** Default power of one fully busy core, in watts. */
    public static final double DEFAULT_WATTS_PER_CORE = 10.0;

    /** System property overriding the watts per busy core. */
    public static final String WATTS_PER_CORE_PROPERTY = "compressor.energy.cpu.watts-per-core";

    /** System property setting the idle power in watts (default 0). */
    public static final String IDLE_WATTS_PROPERTY = "compressor.energy.cpu.idle-watts";

    private final Double wattsPerCore;
    private final Double idleWatts;

    /** Uses the system properties, or the defaults; used by {@link java.util.ServiceLoader}. */
    public CpuTimeEstimateMeterProvider() {
        this.wattsPerCore = null;
        this.idleWatts = null;
    }

    /**
     * Uses explicit figures.
     *
     * @param wattsPerCore power of one fully busy core in watts, finite and not negative
     * @param idleWatts power drawn regardless of this process's work, in watts, finite and not negative
     */
    public CpuTimeEstimateMeterProvider(double wattsPerCore, double idleWatts) {
        this.wattsPerCore = CpuTimeEstimateMeter.checkWatts("wattsPerCore", wattsPerCore);
        this.idleWatts = CpuTimeEstimateMeter.checkWatts("idleWatts", idleWatts);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public Availability probe() {
        try {
            double perCore = wattsPerCore();
            double idle = idleWatts();
            return Availability.yes(String.format(Locale.ROOT, "estimate from %s x %.2f W per busy core + %.2f W idle;"
                    + " not a measurement", ProcessCpuTime.detect().description(), perCore, idle));
        } catch (IllegalArgumentException e) {
            return Availability.no(e.getMessage());
        }
    }

    @Override
    public EnergyMeter create() throws EnergyMeterException {
        try {
            return new CpuTimeEstimateMeter(wattsPerCore(), idleWatts(), ProcessCpuTime.detect(),
                    Ticker.systemTicker());
        } catch (IllegalArgumentException e) {
            throw new EnergyMeterException(e.getMessage(), e);
        }
    }

    private double wattsPerCore() {
        return wattsPerCore != null ? wattsPerCore : property(WATTS_PER_CORE_PROPERTY, DEFAULT_WATTS_PER_CORE);
    }

    private double idleWatts() {
        return idleWatts != null ? idleWatts : property(IDLE_WATTS_PROPERTY, 0.0);
    }

    private static double property(String key, double fallback) {
        String text = System.getProperty(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return CpuTimeEstimateMeter.checkWatts(key, Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + key + " must be a number of watts, got '" + text + "'", e);
        }
    }
}
