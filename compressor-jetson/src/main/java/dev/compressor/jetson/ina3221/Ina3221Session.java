package dev.compressor.jetson.ina3221;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.jetson.internal.RailEnergyAccumulator;
import java.io.IOException;
import java.util.Optional;

/** One {@link Ina3221SysfsMeter} measurement. */
final class Ina3221Session implements EnergyMeter.Session {

    private final Ina3221Sampler sampler;
    private final Optional<Double> idleWatts;
    private boolean stopped;

    Ina3221Session(Ina3221Sampler sampler, Optional<Double> idleWatts) {
        this.sampler = sampler;
        this.idleWatts = idleWatts;
    }

    @Override
    public EnergyReading stop() throws EnergyMeterException {
        if (stopped) {
            throw new IllegalStateException("stop() was already called on this session");
        }
        stopped = true;
        halt();
        IOException failure = sampler.failure();
        if (failure == null) {
            try {
                sampler.sampleNow();
            } catch (IOException e) {
                failure = e;
            }
        }
        sampler.close();
        RailEnergyAccumulator acc = sampler.accumulator();
        if (failure != null && acc.count() < 2) {
            throw new EnergyMeterException("INA3221 sampling failed: " + failure.getMessage(), failure);
        }
        String remark = failure == null ? "" : "partial: sampling stopped early: " + failure.getMessage();
        return acc.toReading(Ina3221SysfsMeter.NAME, acc.firstNanos(), acc.lastNanos(), idleWatts, failure != null, remark);
    }

    @Override
    public void close() {
        stopped = true;
        release();
    }

    private void halt() {
        try {
            sampler.stopThread();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release() {
        halt();
        sampler.close();
    }
}
