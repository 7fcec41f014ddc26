package dev.compressor.api.energy;

import com.google.common.base.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Energy from the RAPL counters of Linux powercap: exact energy from counter differences (with
 * wrap-around), polled in the background by a {@link PowerSampler} into a
 * {@link RailEnergyAccumulator} of joule deltas, which also gives the peak power over one poll
 * interval. Thread-safe; each session is used by one thread.
 */
final class RaplPowercapMeter implements EnergyMeter {

    static final String NAME = "rapl-powercap";

    private final List<RaplZone> zones;
    private final List<RaplZone> totals;
    private final SysfsReader reader;
    private final Duration interval;
    private final Ticker ticker;

    RaplPowercapMeter(List<RaplZone> zones, SysfsReader reader, Duration interval, Ticker ticker)
            throws EnergyMeterException {
        this.zones = List.copyOf(zones);
        this.totals = RaplZones.totalZones(this.zones);
        this.reader = Objects.requireNonNull(reader, "reader");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
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
        List<String> rails = zones.stream().map(RaplZone::rail).toList();
        List<String> totalRails = totals.stream().map(RaplZone::rail).toList();
        RailEnergyAccumulator energy = RailEnergyAccumulator.ofJouleDeltas(rails, totalRails, note(totalRails));
        PowerSampler sampler = PowerSampler.of(new Counters(rails), interval).withTicker(ticker)
                .withThreadName("rapl-sampler");
        try {
            return new RaplSession(sampler.start(energy), energy);
        } catch (IOException e) {
            throw unwrap(e);
        }
    }

    private static EnergyMeterException unwrap(IOException e) {
        return e.getCause() instanceof EnergyMeterException m ? m : new EnergyMeterException(e.getMessage(), e);
    }

    /** Reads the counters and gives the joules since the previous read (0 on the first read). */
    private final class Counters implements PowerSource {
        private final List<String> rails;
        private long[] previous;

        Counters(List<String> rails) {
            this.rails = rails;
        }

        @Override
        public List<String> rails() {
            return rails;
        }

        @Override
        public void read(double[] joules) throws IOException {
            long[] now;
            try {
                now = RaplZones.readCounters(zones, reader);
            } catch (EnergyMeterException e) {
                throw new IOException(e.getMessage(), e);
            }
            for (int k = 0; k < now.length; k++) {
                joules[k] = previous == null ? 0 : zones.get(k).deltaMicrojoules(previous[k], now[k]) / 1e6;
            }
            previous = now;
        }
    }

    private static final class RaplSession implements Session {
        private final PowerSampler.Running sampling;
        private final RailEnergyAccumulator energy;
        private boolean stopped;

        RaplSession(PowerSampler.Running sampling, RailEnergyAccumulator energy) {
            this.sampling = sampling;
            this.energy = energy;
        }

        @Override
        public EnergyReading stop() throws EnergyMeterException {
            if (stopped) {
                throw new IllegalStateException("session already stopped");
            }
            stopped = true;
            Optional<IOException> failure = sampling.stop();
            if (energy.count() < 2) {
                throw failure.map(RaplPowercapMeter::unwrap)
                        .orElseGet(() -> new EnergyMeterException("only one counter read: the measurement took no time"));
            }
            EnergyReading r = energy.toReading(NAME);
            return failure.map(e -> r.asPartial("polling ended early: " + e.getMessage())).orElse(r);
        }

        @Override
        public void close() {
            sampling.close();
        }
    }

    private String note(List<String> totalRails) {
        String others = zones.stream().filter(zz -> !totals.contains(zz)).map(RaplZone::rail)
                .collect(Collectors.joining(", "));
        return "total = " + String.join(" + ", totalRails) + " (RAPL powercap counters)"
                + (others.isEmpty() ? "" : "; " + others + " reported per rail, never added to the total");
    }
}
