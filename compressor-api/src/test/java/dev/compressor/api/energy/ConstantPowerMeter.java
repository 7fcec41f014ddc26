package dev.compressor.api.energy;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/** A meter that reports a constant power over the time its clock says passed: exact by construction. */
final class ConstantPowerMeter implements EnergyMeter {

    private final String name;
    private final double watts;
    private final LongSupplier clock;

    ConstantPowerMeter(String name, double watts, LongSupplier clock) {
        this.name = name;
        this.watts = watts;
        this.clock = clock;
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
        long t0 = clock.getAsLong();
        return new Session() {
            @Override
            public EnergyReading stop() {
                long nanos = clock.getAsLong() - t0;
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
