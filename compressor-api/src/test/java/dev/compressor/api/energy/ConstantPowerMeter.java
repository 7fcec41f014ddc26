package dev.compressor.api.energy;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.List;

/** A meter that reports a constant power over the time its ticker says passed: exact by construction. */
final class ConstantPowerMeter implements EnergyMeter {

    private final String name;
    private final double watts;
    private final Ticker ticker;

    ConstantPowerMeter(String name, double watts, Ticker ticker) {
        this.name = name;
        this.watts = watts;
        this.ticker = ticker;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean estimated() {
        return false;
    }

    @Override
    public Session start() {
        long t0 = ticker.read();
        return new Session() {
            @Override
            public EnergyReading stop() {
                long nanos = ticker.read() - t0;
                double j = watts * nanos / 1e9;
                return EnergyReading.measured(name, Duration.ofNanos(nanos), j).withPeakWatts(watts)
                        .withRails(List.of(new RailEnergy("total", j, watts, watts, 2)), List.of("total"))
                        .withSampleCount(2);
            }

            @Override
            public void close() {
            }
        };
    }
}
