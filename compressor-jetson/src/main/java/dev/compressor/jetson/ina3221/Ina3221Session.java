package dev.compressor.jetson.ina3221;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.energy.PowerSampler;
import dev.compressor.api.energy.RailEnergyAccumulator;
import java.io.IOException;
import java.util.Optional;

/** One {@link Ina3221SysfsMeter} measurement: a running sampler, its open files and its integrator. */
final class Ina3221Session implements EnergyMeter.Session {

    private final PowerSampler.Running sampling;
    private final Ina3221PowerSource source;
    private final RailEnergyAccumulator energy;
    private final Optional<Double> idleWatts;
    private boolean stopped;

    Ina3221Session(PowerSampler.Running sampling, Ina3221PowerSource source, RailEnergyAccumulator energy,
            Optional<Double> idleWatts) {
        this.sampling = sampling;
        this.source = source;
        this.energy = energy;
        this.idleWatts = idleWatts;
    }

    @Override
    public EnergyReading stop() throws EnergyMeterException {
        if (stopped) {
            throw new IllegalStateException("stop() was already called on this session");
        }
        stopped = true;
        Optional<IOException> failure = sampling.stop();
        source.close();
        if (failure.isPresent() && energy.count() < 2) {
            throw new EnergyMeterException("INA3221 sampling failed: " + failure.get().getMessage(), failure.get());
        }
        EnergyReading r = energy.toReading(Ina3221SysfsMeter.NAME);
        EnergyReading withIdle = idleWatts.map(r::withIdleWatts).orElse(r);
        return failure.map(e -> withIdle.asPartial("sampling stopped early: " + e.getMessage())).orElse(withIdle);
    }

    @Override
    public void close() {
        stopped = true;
        sampling.close();
        source.close();
    }
}
