package dev.compressor.jetson.tegrastats;

import com.google.common.base.Ticker;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts {@code tegrastats --interval N} as this JVM's own child process and feeds each parsed line
 * to a listener. Never passes {@code --stop} or {@code --start}: those act on every instance on the
 * board. Immutable and thread-safe; each {@link #start} makes an independent {@link TegrastatsRun}.
 */
public final class TegrastatsRunner {

    /** Where JetPack installs {@code tegrastats}. */
    public static final Path DEFAULT_PATH = Path.of("/usr/bin/tegrastats");

    private final Path executable;
    private final Duration interval;
    private final Ticker ticker;

    private TegrastatsRunner(Path executable, Duration interval, Ticker ticker) {
        this.executable = executable;
        this.interval = interval;
        this.ticker = ticker;
    }

    /**
     * A runner for an executable, with a 500 ms interval (jtop's maintainer advises at least 500 ms:
     * shorter intervals lose lines) and {@link Ticker#systemTicker()} as clock.
     *
     * @param executable the {@code tegrastats} program (or a stand-in)
     * @return the runner
     */
    public static TegrastatsRunner of(Path executable) {
        return new TegrastatsRunner(Objects.requireNonNull(executable, "executable"), Duration.ofMillis(500),
                Ticker.systemTicker());
    }

    /**
     * Finds {@code tegrastats} on the {@code PATH}, then at {@link #DEFAULT_PATH}.
     *
     * @return the executable, if one exists
     */
    public static Optional<Path> findOnSystem() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path p = Path.of(dir, "tegrastats");
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Files.isExecutable(DEFAULT_PATH) ? Optional.of(DEFAULT_PATH) : Optional.empty();
    }

    /**
     * Uses another sampling interval.
     *
     * @param value the interval, 1 ms to 1 h, in whole milliseconds
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public TegrastatsRunner withInterval(Duration value) {
        if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("interval must be 1 ms .. 1 h, got " + value);
        }
        return new TegrastatsRunner(executable, Duration.ofMillis(value.toMillis()), ticker);
    }

    /**
     * Uses another clock for line timestamps.
     *
     * @param ticker a monotonic clock in nanoseconds
     * @return a copy
     */
    public TegrastatsRunner withTicker(Ticker ticker) {
        return new TegrastatsRunner(executable, interval, Objects.requireNonNull(ticker, "ticker"));
    }

    /** The executable. @return its path */
    public Path executable() {
        return executable;
    }

    /** The interval. @return the sampling interval */
    public Duration interval() {
        return interval;
    }

    /** The clock of the line timestamps. @return the monotonic nanosecond clock */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * The command line of the child.
     *
     * @return {@code [executable, --interval, <ms>]}
     */
    public List<String> command() {
        return List.of(executable.toString(), "--interval", Long.toString(interval.toMillis()));
    }

    /**
     * Starts the child. The listener is called on a reader thread, once per line, in order.
     *
     * @param listener receives each line with its read time; an exception it throws is recorded as the run's failure
     * @return the running child
     * @throws IOException if the child cannot be started
     */
    public TegrastatsRun start(Consumer<TimedSample> listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        Process process = new ProcessBuilder(command()).start();
        process.getOutputStream().close();
        return new TegrastatsRun(process, listener, ticker);
    }
}
