package dev.compressor.jetson.tegrastats;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Energy from the power rails {@code tegrastats} prints, integrated with the trapezoid rule over
 * the times the lines were read (the printed averages are ignored: they cover tegrastats' whole
 * life, not your interval). Each session starts its own {@code tegrastats} child and ends it
 * alone; if the child dies, {@link Session#stop()} returns a reading marked partial, with the cause
 * in its note.
 *
 * <p>The total follows the board-total rule: {@code VDD_IN} (or {@code POM_5V_IN}) where the board
 * has it, else the sum of the named rails (see the reading's {@code totalRails} and note).
 * {@code NC} rails are ignored. Time resolution is the interval (500 ms by default); prefer
 * {@code Ina3221SysfsMeter} where sysfs is readable. Immutable and thread-safe.
 */
public final class TegrastatsMeter implements EnergyMeter {

    /** This meter's name. */
    public static final String NAME = "tegrastats";

    private final TegrastatsRunner runner;
    private final Optional<List<String>> totalRails;
    private final Optional<Double> idleWatts;

    private TegrastatsMeter(TegrastatsRunner runner, Optional<List<String>> totalRails, Optional<Double> idleWatts) {
        this.runner = runner;
        this.totalRails = totalRails;
        this.idleWatts = idleWatts;
    }

    /**
     * A meter running {@code tegrastats} as the runner describes.
     *
     * @param runner executable, interval and clock
     * @return the meter
     */
    public static TegrastatsMeter of(TegrastatsRunner runner) {
        return new TegrastatsMeter(Objects.requireNonNull(runner, "runner"), Optional.empty(), Optional.empty());
    }

    /**
     * Uses these rails as the total instead of the board-total rule.
     *
     * @param rails rail names as tegrastats prints them, at least one
     * @return a copy
     * @throws IllegalArgumentException if the list is empty
     */
    public TegrastatsMeter withTotalRails(List<String> rails) {
        if (rails.isEmpty()) {
            throw new IllegalArgumentException("total rails must name at least one rail");
        }
        return new TegrastatsMeter(runner, Optional.of(List.copyOf(rails)), idleWatts);
    }

    /**
     * Attaches an idle baseline to every reading (see {@link EnergyReading#joulesAboveIdle()}).
     *
     * @param watts idle power of the total, W, finite and not negative
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public TegrastatsMeter withIdleWatts(double watts) {
        if (!(watts >= 0) || Double.isInfinite(watts)) {
            throw new IllegalArgumentException("idle power must be finite and >= 0 W, got " + watts);
        }
        return new TegrastatsMeter(runner, totalRails, Optional.of(watts));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean estimated() {
        return false;
    }

    /**
     * Starts a {@code tegrastats} child for this session.
     *
     * @return the running session
     * @throws EnergyMeterException if the child cannot be started (missing executable, permissions)
     */
    @Override
    public Session start() throws EnergyMeterException {
        TegrastatsSession session = new TegrastatsSession(runner.ticker(), totalRails, idleWatts);
        try {
            session.begin(runner);
        } catch (IOException e) {
            throw new EnergyMeterException("cannot start " + runner.executable() + ": " + e.getMessage()
                    + " (is this a Jetson with tegrastats installed? set its path with TegrastatsRunner.of(path))", e);
        }
        return session;
    }
}
