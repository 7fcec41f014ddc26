package dev.compressor.jetson.ina3221;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyMeterProvider;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Registers {@link Ina3221SysfsMeter} with {@link java.util.ServiceLoader}, rank 400 (board sensors
 * read directly), so that it is preferred over {@code tegrastats} (300) and generic meters.
 * Thread-safe.
 */
public final class Ina3221MeterProvider implements EnergyMeterProvider {

    private final Path root;

    /** A provider for this machine (root {@code /}). */
    public Ina3221MeterProvider() {
        this(Path.of("/"));
    }

    /** A provider reading under another root (tests). */
    Ina3221MeterProvider(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    @Override
    public String name() {
        return Ina3221SysfsMeter.NAME;
    }

    @Override
    public int rank() {
        return 400;
    }

    @Override
    public Availability probe() {
        try {
            Ina3221SysfsMeter meter = Ina3221SysfsMeter.discover(root);
            meter.readWatts();
            return Availability.yes("found INA3221 rails " + meter.channels().stream().map(c -> c.rail())
                    .collect(Collectors.joining(", ")) + " (" + meter.channels().get(0).layout() + " layout); total: "
                    + String.join(" + ", meter.totalRails()));
        } catch (EnergyMeterException e) {
            return Availability.no(e.getMessage());
        }
    }

    @Override
    public EnergyMeter create() throws EnergyMeterException {
        return Ina3221SysfsMeter.discover(root);
    }
}
