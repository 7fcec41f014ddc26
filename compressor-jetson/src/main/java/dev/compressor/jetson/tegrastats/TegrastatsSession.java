package dev.compressor.jetson.tegrastats;

import com.google.common.base.Ticker;
import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.energy.RailEnergyAccumulator;
import dev.compressor.jetson.internal.BoardTotal;
import dev.compressor.jetson.tegrastats.TegrastatsSample.RailPower;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One {@link TegrastatsMeter} measurement: one child, its lines integrated as they arrive. The
 * child pushes a line per interval, so nothing polls: the reader thread adds each line's rail
 * powers straight to a {@link RailEnergyAccumulator}, the integrator every meter uses.
 */
final class TegrastatsSession implements EnergyMeter.Session {

    private final Ticker ticker;
    private final Optional<List<String>> totalRails;
    private final Optional<Double> idleWatts;
    private TegrastatsRun run;
    private long startNanos;
    private boolean stopped;
    // written by the reader thread only; read after TegrastatsRun.stop() joined it
    private RailEnergyAccumulator accumulator;
    private List<String> rails;
    private int linesWithoutRails;
    private String firstLineWithoutRails;

    TegrastatsSession(Ticker ticker, Optional<List<String>> totalRails, Optional<Double> idleWatts) {
        this.ticker = ticker;
        this.totalRails = totalRails;
        this.idleWatts = idleWatts;
    }

    void begin(TegrastatsRunner runner) throws IOException {
        startNanos = ticker.read();
        run = runner.start(this::onLine);
    }

    private void onLine(TimedSample timed) {
        TegrastatsSample s = timed.sample();
        if (accumulator == null) {
            List<String> names = s.rails().stream().map(RailPower::name).filter(n -> !n.equals("NC")).distinct().toList();
            if (names.isEmpty()) {
                linesWithoutRails++;
                if (firstLineWithoutRails == null) {
                    firstLineWithoutRails = timed.line();
                }
                return;
            }
            BoardTotal total = totalRails.map(t -> BoardTotal.explicit(t, names)).orElseGet(() -> BoardTotal.choose(names));
            rails = names;
            accumulator = RailEnergyAccumulator.ofWatts(names, total.rails(), total.explanation());
        }
        double[] watts = new double[rails.size()];
        for (int i = 0; i < watts.length; i++) {
            Optional<RailPower> r = s.rail(rails.get(i));
            if (r.isEmpty()) {
                linesWithoutRails++;
                return;
            }
            watts[i] = r.get().currentMw() / 1000.0;
        }
        accumulator.add(Math.max(timed.nanos(), accumulator.count() == 0 ? timed.nanos() : accumulator.lastNanos()), watts);
    }

    @Override
    public EnergyReading stop() throws EnergyMeterException {
        if (stopped) {
            throw new IllegalStateException("stop() was already called on this session");
        }
        stopped = true;
        long stopNanos = ticker.read();
        run.stop();
        Optional<String> failure = run.failure();
        long end = failure.isPresent() ? Math.min(stopNanos, run.endNanos().orElse(stopNanos)) : stopNanos;
        if (accumulator == null || accumulator.count() == 0) {
            throw noRails(end, failure);
        }
        EnergyReading r = accumulator.toReading(TegrastatsMeter.NAME, startNanos, Math.max(end, accumulator.lastNanos()))
                .withRemark(linesWithoutRails > 0 ? linesWithoutRails + " lines lacked a rail and were skipped" : "");
        EnergyReading withIdle = idleWatts.map(r::withIdleWatts).orElse(r);
        return failure.map(withIdle::asPartial).orElse(withIdle);
    }

    /** Why there is no reading: rail-less lines (a tegrastats that prints none), a dead child, or no line in time. */
    private EnergyMeterException noRails(long end, Optional<String> failure) {
        if (linesWithoutRails > 0) {
            String line = firstLineWithoutRails.length() > 240 ? firstLineWithoutRails.substring(0, 240) + " ..."
                    : firstLineWithoutRails;
            return new EnergyMeterException("this tegrastats prints no power rails: " + linesWithoutRails + " of "
                    + run.lines() + " lines read and none has a VDD_*/POM_* power field, e.g. '" + line + "'. "
                    + "The tegrastats of L4T 28 (JetPack 3, e.g. on a TX1) prints no rails at all, and some releases"
                    + " print fewer fields without root: run tegrastats as root or on a newer L4T, or read the INA3221 monitors"
                    + " directly with Ina3221SysfsMeter" + failure.map(f -> " (" + f + ")").orElse(""));
        }
        return new EnergyMeterException("tegrastats printed no line in "
                + String.format(java.util.Locale.ROOT, "%.3f s", (end - startNanos) / 1e9) + " (" + run.lines()
                + " lines read)" + failure.map(f -> ": " + f).orElse("; use a longer measurement or a shorter interval"));
    }

    @Override
    public void close() {
        if (run != null) {
            run.stop();
        }
        stopped = true;
    }
}
