package dev.compressor.api.energy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Energy from the RAPL counters of Linux powercap: exact energy from counter differences (with
 * wrap-around), peak power from counters polled in the background. Thread-safe; each session is
 * used by one thread.
 */
final class RaplPowercapMeter implements EnergyMeter {

    static final String NAME = "rapl-powercap";

    private final List<RaplZone> zones;
    private final List<RaplZone> totals;
    private final SysfsReader reader;
    private final Duration interval;
    private final LongSupplier clock;

    RaplPowercapMeter(List<RaplZone> zones, SysfsReader reader, Duration interval, LongSupplier clock)
            throws EnergyMeterException {
        this.zones = List.copyOf(zones);
        this.totals = RaplZones.totalZones(this.zones);
        this.reader = Objects.requireNonNull(reader, "reader");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean estimated() {
        return false;
    }

    @Override
    public Session start() throws EnergyMeterException {
        PeriodicReader<long[]> poller = new PeriodicReader<>(this::read, interval.toNanos(), clock, "rapl-sampler");
        try {
            poller.start();
        } catch (IOException e) {
            throw unwrap(e);
        }
        return new RaplSession(poller);
    }

    private long[] read() throws IOException {
        try {
            return RaplZones.readCounters(zones, reader);
        } catch (EnergyMeterException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static EnergyMeterException unwrap(IOException e) {
        return e.getCause() instanceof EnergyMeterException m ? m : new EnergyMeterException(e.getMessage(), e);
    }

    private final class RaplSession implements Session {
        private final PeriodicReader<long[]> poller;
        private boolean stopped;

        RaplSession(PeriodicReader<long[]> poller) {
            this.poller = poller;
        }

        @Override
        public EnergyReading stop() throws EnergyMeterException {
            if (stopped) {
                throw new IllegalStateException("session already stopped");
            }
            stopped = true;
            PeriodicReader.Readings<long[]> r = poller.stop();
            if (r.nanos().length < 2) {
                throw r.failure().map(RaplPowercapMeter::unwrap)
                        .orElseGet(() -> new EnergyMeterException("the clock did not advance during the measurement"));
            }
            return integrate(r);
        }

        @Override
        public void close() {
            poller.close();
        }
    }

    /** Sums counter differences per zone; the peak is the highest power over one poll interval. */
    EnergyReading integrate(PeriodicReader.Readings<long[]> r) {
        long[] t = r.nanos();
        int z = zones.size();
        long[] micro = new long[z];
        double[] peak = new double[z];
        double peakTotal = 0;
        for (int i = 1; i < t.length; i++) {
            double dt = (t[i] - t[i - 1]) / 1e9;
            double total = 0;
            for (int k = 0; k < z; k++) {
                long d = zones.get(k).deltaMicrojoules(r.values().get(i - 1)[k], r.values().get(i)[k]);
                micro[k] += d;
                double w = d / 1e6 / dt;
                peak[k] = Math.max(peak[k], w);
                if (totals.contains(zones.get(k))) {
                    total += w;
                }
            }
            peakTotal = Math.max(peakTotal, total);
        }
        Duration duration = Duration.ofNanos(t[t.length - 1] - t[0]);
        double secs = duration.toNanos() / 1e9;
        List<RailEnergy> rails = new ArrayList<>(z);
        long totalMicro = 0;
        for (int k = 0; k < z; k++) {
            double j = micro[k] / 1e6;
            rails.add(new RailEnergy(zones.get(k).rail(), j, j / secs, peak[k], t.length));
            if (totals.contains(zones.get(k))) {
                totalMicro += micro[k];
            }
        }
        double joules = totalMicro / 1e6;
        List<String> totalRails = totals.stream().map(RaplZone::rail).toList();
        String note = note(totalRails) + r.failure().map(e -> "; polling ended early: " + e.getMessage()).orElse("");
        return new EnergyReading(NAME, false, duration, joules, joules / secs, peakTotal, rails, totalRails,
                t.length, Optional.empty(), r.failure().isPresent(), note);
    }

    private String note(List<String> totalRails) {
        String others = zones.stream().filter(zz -> !totals.contains(zz)).map(RaplZone::rail)
                .collect(Collectors.joining(", "));
        return "total = " + String.join(" + ", totalRails) + " (RAPL powercap counters)"
                + (others.isEmpty() ? "" : "; " + others + " reported per rail, never added to the total");
    }
}
