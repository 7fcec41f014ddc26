package dev.compressor.api.energy;

import com.google.common.base.Ticker;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider whose availability and meter are set by the test. */
final class FakeProvider implements EnergyMeterProvider {

    final String name;
    final int rank;
    final Availability availability;
    final EnergyMeterException createFailure;
    final AtomicInteger creates = new AtomicInteger();

    FakeProvider(String name, int rank, Availability availability) {
        this(name, rank, availability, null);
    }

    FakeProvider(String name, int rank, Availability availability, EnergyMeterException createFailure) {
        this.name = name;
        this.rank = rank;
        this.availability = availability;
        this.createFailure = createFailure;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public Availability probe() {
        if (availability == null) {
            throw new IllegalStateException("probe exploded");
        }
        return availability;
    }

    @Override
    public EnergyMeter create() throws EnergyMeterException {
        creates.incrementAndGet();
        if (createFailure != null) {
            throw createFailure;
        }
        return new ConstantPowerMeter(name, 5.0, Ticker.systemTicker());
    }
}
