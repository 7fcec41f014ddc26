package dev.compressor.jetson.tegrastats;

import com.google.common.base.Ticker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running {@code tegrastats} child, started by {@link TegrastatsRunner#start}. A reader thread
 * parses its lines; {@link #stop()} ends this child (and any process it started) and nothing else.
 * If the child ends before {@link #stop()}, {@link #failure()} says how. Thread-safe.
 */
public final class TegrastatsRun implements AutoCloseable {

    private static final long GRACE_MS = 2000;

    private final Process process;
    private final Ticker ticker;
    private final Thread reader;
    private final Thread errors;
    private final StringBuilder stderr = new StringBuilder();
    private final Object lock = new Object();
    private long lines;
    private long endNanos = -1;
    private String listenerFailure;
    private boolean stoppedByUs;
    private boolean stopped;

    TegrastatsRun(Process process, Consumer<TimedSample> listener, Ticker ticker) {
        this.process = process;
        this.ticker = ticker;
        this.errors = daemon(() -> drainErrors(process.getErrorStream()), "tegrastats-stderr-" + process.pid());
        this.reader = daemon(() -> readLines(listener), "tegrastats-reader-" + process.pid());
    }

    /** The child's process id. @return the pid */
    public long pid() {
        return process.pid();
    }

    /** Whether the child is still running. @return true if alive */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Lines read so far. @return the count */
    public long lines() {
        synchronized (lock) {
            return lines;
        }
    }

    /**
     * When the child's output ended, on the runner's clock; empty while it runs.
     *
     * @return nanoseconds
     */
    public OptionalLong endNanos() {
        synchronized (lock) {
            return endNanos < 0 ? OptionalLong.empty() : OptionalLong.of(endNanos);
        }
    }

    /**
     * Why the run failed: the child ended before {@link #stop()} (with exit status, signal and the
     * end of its error output), or the listener threw. Empty while all is well.
     *
     * @return the cause in words
     */
    public Optional<String> failure() {
        synchronized (lock) {
            if (listenerFailure != null) {
                return Optional.of(listenerFailure);
            }
            if (endNanos < 0 || stoppedByUs || process.isAlive()) {
                return Optional.empty();
            }
        }
        int code = process.exitValue();
        String how = code > 128 ? "exit code " + code + " (killed by signal " + (code - 128) + signalName(code - 128) + ")"
                : "exit code " + code;
        String err = stderrTail();
        return Optional.of("tegrastats (pid " + process.pid() + ") ended before it was stopped: " + how + " after "
                + lines() + " lines" + (err.isEmpty() ? "" : "; its last error output: " + err));
    }

    /**
     * Ends the child: SIGTERM to it and to the processes it started, SIGKILL after 2 s if needed;
     * then waits for the reader thread. Never touches other {@code tegrastats} instances.
     * Idempotent.
     */
    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            stoppedByUs = process.isAlive() && endNanos < 0;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS);
            }
            for (ProcessHandle d : descendants) {
                d.onExit().completeOnTimeout(d, GRACE_MS, TimeUnit.MILLISECONDS).join();
                if (d.isAlive()) {
                    d.destroyForcibly();
                }
            }
            reader.join(GRACE_MS);
            errors.join(GRACE_MS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void readLines(Consumer<TimedSample> listener) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                long now = ticker.read();
                synchronized (lock) {
                    lines++;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    listener.accept(new TimedSample(now, TegrastatsParser.parse(line), line));
                } catch (RuntimeException e) {
                    synchronized (lock) {
                        if (listenerFailure == null) {
                            listenerFailure = "the tegrastats line listener failed: " + e;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the stream closes when the child is destroyed
        }
        long now = ticker.read();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            endNanos = now;
        }
    }

    private void drainErrors(InputStream err) {
        byte[] buf = new byte[1024];
        try (err) {
            for (int n; (n = err.read(buf)) > 0; ) {
                synchronized (stderr) {
                    stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > 4096) {
                        stderr.delete(0, stderr.length() - 2048);
                    }
                }
            }
        } catch (IOException e) {
            // closed when the child ends
        }
    }

    private String stderrTail() {
        try {
            errors.join(GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderr) {
            String s = stderr.toString().strip();
            return s.length() > 500 ? "..." + s.substring(s.length() - 500) : s;
        }
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> ", SIGHUP";
            case 2 -> ", SIGINT";
            case 6 -> ", SIGABRT";
            case 9 -> ", SIGKILL";
            case 11 -> ", SIGSEGV";
            case 15 -> ", SIGTERM";
            default -> "";
        };
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
