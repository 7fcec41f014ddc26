package dev.compressor.jetson.ina3221;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyMeterProvider;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Registers {@link Ina3221SysfsMeter} with {@link java.util.ServiceLoader}, rank 400 (board sensors
 * read directly), so that it is preferred over {@code tegrastats} (300) and generic meters.
 *
 * <p>Files are read under the directory named by the system property {@value #ROOT_PROPERTY}
 * (e.g. a host root mounted into a container), else under {@code /}. Thread-safe.
 */
public final class Ina3221MeterProvider implements EnergyMeterProvider {

    /** System property naming the directory that stands for {@code /} when looking for sysfs. */
    public static final String ROOT_PROPERTY = "compressor.jetson.root";

    private final Path fixedRoot;

    /** A provider for this machine (root from {@value #ROOT_PROPERTY}, else {@code /}). */
    public Ina3221MeterProvider() {
        this.fixedRoot = null;
    }

    /** A provider reading under another root (tests). */
    Ina3221MeterProvider(Path root) {
        this.fixedRoot = Objects.requireNonNull(root, "root");
    }

    private Path root() {
        return fixedRoot != null ? fixedRoot : Path.of(System.getProperty(ROOT_PROPERTY, "/"));
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
            Ina3221SysfsMeter meter = Ina3221SysfsMeter.discover(root());
            meter.readWatts();
            return Availability.yes("found " + meter.describe());
        } catch (EnergyMeterException e) {
            return Availability.no(e.getMessage());
        }
    }

    @Override
    public EnergyMeter create() throws EnergyMeterException {
        return Ina3221SysfsMeter.discover(root());
    }
}
