package dev.compressor.jetson.tegrastats;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyMeterProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Registers {@link TegrastatsMeter} with {@link java.util.ServiceLoader}, rank 300 (board tools).
 *
 * <p>The executable is the system property {@value #PATH_PROPERTY} if set, else {@code tegrastats}
 * on the {@code PATH}, else {@code /usr/bin/tegrastats}. Thread-safe.
 */
public final class TegrastatsMeterProvider implements EnergyMeterProvider {

    /** System property naming the {@code tegrastats} executable to use. */
    public static final String PATH_PROPERTY = "compressor.tegrastats.path";

    /** Creates the provider; probing happens in {@link #probe()}. */
    public TegrastatsMeterProvider() {
    }

    @Override
    public String name() {
        return TegrastatsMeter.NAME;
    }

    @Override
    public int rank() {
        return 300;
    }

    @Override
    public Availability probe() {
        String configured = System.getProperty(PATH_PROPERTY);
        if (configured != null) {
            Path p = Path.of(configured);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Availability.yes("found " + p + " (" + PATH_PROPERTY + ")")
                    : Availability.no(PATH_PROPERTY + "=" + configured + " is not an executable file");
        }
        Optional<Path> found = TegrastatsRunner.findOnSystem();
        return found.map(p -> Availability.yes("found " + p))
                .orElseGet(() -> Availability.no("tegrastats is not on the PATH nor at " + TegrastatsRunner.DEFAULT_PATH
                        + " (not a Jetson, or L4T tools not installed)"));
    }

    @Override
    public EnergyMeter create() throws EnergyMeterException {
        Availability a = probe();
        if (!a.available()) {
            throw new EnergyMeterException("tegrastats meter cannot run here: " + a.reason());
        }
        String configured = System.getProperty(PATH_PROPERTY);
        Path exe = configured != null ? Path.of(configured) : TegrastatsRunner.findOnSystem().orElseThrow();
        return TegrastatsMeter.of(TegrastatsRunner.of(exe));
    }
}
