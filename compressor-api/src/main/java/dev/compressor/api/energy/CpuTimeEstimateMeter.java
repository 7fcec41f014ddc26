package dev.compressor.api.energy;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Estimates energy as {@code cpuSeconds * wattsPerCore + idleWatts * wallSeconds}, the wall time
 * read from a monotonic {@link Ticker}. Always flagged estimated. Thread-safe; each session is used
 * by one thread.
 */
final class CpuTimeEstimateMeter implements EnergyMeter {

    static final String NAME = "cpu-time-estimate";
    static final String RAIL = "process-cpu";
    static final String IDLE_RAIL = "idle";

    private final double wattsPerCore;
    private final double idleWatts;
    private final ProcessCpuTime cpu;
    private final Ticker ticker;

    CpuTimeEstimateMeter(double wattsPerCore, double idleWatts, ProcessCpuTime cpu, Ticker ticker) {
        this.wattsPerCore = checkWatts("wattsPerCore", wattsPerCore);
        this.idleWatts = checkWatts("idleWatts", idleWatts);
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    static double checkWatts(String what, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0 W, got " + w);
        }
        return w;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean estimated() {
        return true;
    }

    @Override
    public Session start() {
        long cpu0 = cpu.ticker().read();
        long wall0 = ticker.read();
        return new Session() {
            private boolean stopped;

            @Override
            public EnergyReading stop() {
                if (stopped) {
                    throw new IllegalStateException("session already stopped");
                }
                stopped = true;
                long cpuNanos = Math.max(0, cpu.ticker().read() - cpu0);
                long wallNanos = Math.max(0, ticker.read() - wall0);
                return reading(cpuNanos, wallNanos);
            }

            @Override
            public void close() {
                stopped = true;
            }
        };
    }

    EnergyReading reading(long cpuNanos, long wallNanos) {
        double cpuSecs = cpuNanos / 1e9;
        double wallSecs = wallNanos / 1e9;
        double busy = cpuSecs * wattsPerCore;
        double joules = busy + idleWatts * wallSecs;
        String note = String.format(Locale.ROOT, "estimate, not a measurement: %s %.3f s x %.2f W per busy core"
                + " + %.2f W idle x %.3f s wall (%.2f cores busy on average); peak equals average (read at start and"
                + " stop only)", cpu.description(), cpuSecs, wattsPerCore, idleWatts, wallSecs,
                wallSecs > 0 ? cpuSecs / wallSecs : 0);
        double busyWatts = wallSecs > 0 ? busy / wallSecs : 0;
        List<RailEnergy> rails = new ArrayList<>(List.of(new RailEnergy(RAIL, busy, busyWatts, busyWatts, 2)));
        if (idleWatts > 0) {
            rails.add(new RailEnergy(IDLE_RAIL, idleWatts * wallSecs, idleWatts, idleWatts, 2));
        }
        List<String> totals = rails.stream().map(RailEnergy::rail).toList();
        EnergyReading r = EnergyReading.estimate(NAME, Duration.ofNanos(wallNanos), joules).withRails(rails, totals)
                .withSampleCount(2).withNote(note);
        return idleWatts > 0 ? r.withIdleWatts(idleWatts) : r;
    }
}
