package dev.compressor.jetson.ina3221;

import com.google.common.base.Ticker;
import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.energy.PowerSampler;
import dev.compressor.api.energy.RailEnergyAccumulator;
import dev.compressor.jetson.internal.BoardTotal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Energy from the board's INA3221 power monitors, read directly through sysfs at a configurable rate
 * (100 Hz by default) and integrated with the trapezoid rule on the real sample times.
 *
 * <p>A session takes one sample at {@link #start()} and one at {@link Session#stop()}, with the
 * sampler thread's samples between, so the reading covers exactly the sampled interval. Rails
 * labelled {@code NC} are ignored; channels the kernel has disabled ({@code inN_enable} = 0) are
 * not read, and every reading's note names them ({@link #disabledChannels()}). The total follows
 * the board-total rule ({@code VDD_IN} or {@code POM_5V_IN} where the board has one; otherwise the
 * named sum of its rails, see the reading's {@code totalRails} and note) unless
 * {@link #withTotalRails} names rails. Immutable and thread-safe;
 * each {@code withX} returns a copy.
 *
 * <pre>{@code
 * Ina3221SysfsMeter meter = Ina3221SysfsMeter.discover();
 * meter = meter.withIdleWatts(meter.measureIdleWatts(Duration.ofSeconds(5)));
 * try (EnergyMeter.Session s = meter.start()) { work(); EnergyReading r = s.stop(); }
 * }</pre>
 */
public final class Ina3221SysfsMeter implements EnergyMeter {

    /** This meter's name. */
    public static final String NAME = "ina3221-sysfs";

    private final List<Ina3221Channel> channels;
    private final List<Ina3221Channel> disabled;
    private final BoardTotal total;
    private final double rateHz;
    private final Ticker ticker;
    private final Optional<Double> idleWatts;
    private final PowerSampler.Sink listener;

    private Ina3221SysfsMeter(List<Ina3221Channel> channels, List<Ina3221Channel> disabled, BoardTotal total,
            double rateHz, Ticker ticker, Optional<Double> idleWatts, PowerSampler.Sink listener) {
        this.channels = List.copyOf(channels);
        this.disabled = List.copyOf(disabled);
        this.total = total;
        this.rateHz = rateHz;
        this.ticker = ticker;
        this.idleWatts = idleWatts;
        this.listener = listener;
    }

    /**
     * A meter for this machine's INA3221 monitors (root {@code /}).
     *
     * @return the meter
     * @throws EnergyMeterException if none is found or its files are missing, saying which
     */
    public static Ina3221SysfsMeter discover() throws EnergyMeterException {
        return discover(Path.of("/"));
    }

    /**
     * A meter for the INA3221 monitors under a root (a fixture tree in tests).
     *
     * @param root the directory standing for {@code /}
     * @return the meter, 100 Hz, {@link Ticker#systemTicker()} as clock
     * @throws EnergyMeterException if none is found or its files are missing, saying which
     */
    public static Ina3221SysfsMeter discover(Path root) throws EnergyMeterException {
        Ina3221Discovery.Channels found = Ina3221Discovery.discoverAll(root);
        List<String> names = found.metered().stream().map(Ina3221Channel::rail).toList();
        return new Ina3221SysfsMeter(found.metered(), found.disabled(), BoardTotal.choose(names), 100,
                Ticker.systemTicker(),
                Optional.empty(), null);
    }

    /** The channels read. @return connected, enabled channels in order */
    public List<Ina3221Channel> channels() {
        return channels;
    }

    /**
     * The connected channels the kernel has disabled ({@code inN_enable} reads 0): never read, named
     * in every reading's note.
     *
     * @return disabled channels in order; empty on most boards
     */
    public List<Ina3221Channel> disabledChannels() {
        return disabled;
    }

    /**
     * What this meter reads, in words: the rails, the layout, the total and any disabled channel.
     *
     * @return one line
     */
    public String describe() {
        return "INA3221 rails " + String.join(", ", channels.stream().map(Ina3221Channel::rail).toList()) + " ("
                + channels.get(0).layout() + " layout); total: " + String.join(" + ", total.rails())
                + (disabled.isEmpty() ? "" : "; disabled, not metered: " + Ina3221Discovery.describe(disabled));
    }

    private String readingNote() {
        return total.explanation()
                + (disabled.isEmpty() ? "" : "; disabled, not metered: " + Ina3221Discovery.describe(disabled));
    }

    /** The rails whose sum is the total. @return rail names */
    public List<String> totalRails() {
        return total.rails();
    }

    /** How the total was chosen, in words. @return the explanation */
    public String totalExplanation() {
        return total.explanation();
    }

    /** The sampling rate. @return hertz */
    public double rateHz() {
        return rateHz;
    }

    /**
     * Samples at another rate.
     *
     * @param hz samples per second, 0.1 to 10000
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public Ina3221SysfsMeter withRateHz(double hz) {
        if (!(hz >= 0.1 && hz <= 10_000)) {
            throw new IllegalArgumentException("rate must be 0.1 .. 10000 Hz, got " + hz);
        }
        return new Ina3221SysfsMeter(channels, disabled, total, hz, ticker, idleWatts, listener);
    }

    /**
     * Stamps samples with another clock (scheduling still uses {@link System#nanoTime()}).
     *
     * @param ticker a monotonic clock in nanoseconds
     * @return a copy
     */
    public Ina3221SysfsMeter withTicker(Ticker ticker) {
        return new Ina3221SysfsMeter(channels, disabled, total, rateHz, Objects.requireNonNull(ticker, "ticker"),
                idleWatts, listener);
    }

    /**
     * Uses these rails as the total instead of the board-total rule.
     *
     * @param rails rail names, at least one, each among {@link #channels()}
     * @return a copy
     * @throws IllegalArgumentException if empty or a rail is not on this board or is disabled
     */
    public Ina3221SysfsMeter withTotalRails(List<String> rails) {
        if (rails.isEmpty()) {
            throw new IllegalArgumentException("total rails must name at least one rail");
        }
        for (Ina3221Channel c : disabled) {
            if (rails.contains(c.rail())) {
                throw new IllegalArgumentException("rail '" + c.rail() + "' is disabled and not metered: "
                        + Ina3221Discovery.describe(List.of(c)));
            }
        }
        BoardTotal t = BoardTotal.explicit(rails, channels.stream().map(Ina3221Channel::rail).toList());
        return new Ina3221SysfsMeter(channels, disabled, t, rateHz, ticker, idleWatts, listener);
    }

    /**
     * Attaches an idle baseline to every reading (see {@link EnergyReading#joulesAboveIdle()}).
     *
     * @param watts idle power of the total, W, finite and not negative
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public Ina3221SysfsMeter withIdleWatts(double watts) {
        if (!(watts >= 0) || Double.isInfinite(watts)) {
            throw new IllegalArgumentException("idle power must be finite and >= 0 W, got " + watts);
        }
        return new Ina3221SysfsMeter(channels, disabled, total, rateHz, ticker, Optional.of(watts), listener);
    }

    /** Test seam: receives every sample. */
    Ina3221SysfsMeter withListener(PowerSampler.Sink l) {
        return new Ina3221SysfsMeter(channels, disabled, total, rateHz, ticker, idleWatts, l);
    }

    /**
     * Reads the power of every rail once.
     *
     * @return watts per rail, in channel order
     * @throws EnergyMeterException if a file cannot be read, naming it
     */
    public Map<String, Double> readWatts() throws EnergyMeterException {
        Map<String, Double> out = new LinkedHashMap<>();
        try (Ina3221PowerSource source = new Ina3221PowerSource(channels)) {
            double[] w = new double[channels.size()];
            source.read(w);
            for (int i = 0; i < w.length; i++) {
                out.put(channels.get(i).rail(), w[i]);
            }
        } catch (IOException e) {
            throw new EnergyMeterException("INA3221: " + e.getMessage(), e);
        }
        return out;
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
     * Takes a first sample and starts the sampler thread.
     *
     * @return the running session
     * @throws EnergyMeterException if a file cannot be read (missing, permissions, not a number), naming it
     */
    @Override
    public Session start() throws EnergyMeterException {
        Ina3221PowerSource source = null;
        try {
            source = new Ina3221PowerSource(channels);
            RailEnergyAccumulator energy = RailEnergyAccumulator.ofWatts(source.rails(), total.rails(), readingNote());
            PowerSampler.Sink sink = listener == null ? energy : (t, w) -> {
                energy.add(t, w);
                listener.add(t, w);
            };
            PowerSampler sampler = PowerSampler.of(source, Duration.ofNanos(Math.round(1e9 / rateHz))).withTicker(ticker)
                    .withThreadName("ina3221-sampler");
            return new Ina3221Session(sampler.start(sink), source, energy, idleWatts);
        } catch (IOException e) {
            if (source != null) {
                source.close();
            }
            throw new EnergyMeterException("INA3221 meter cannot run: " + e.getMessage()
                    + " (sysfs power files may need root on some releases)", e);
        }
    }
}
