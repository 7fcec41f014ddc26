package dev.compressor.api.energy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Reads a value at a fixed rate on a daemon thread and keeps every reading with its timestamp.
 * The first reading is taken by {@link #start()} and the last by {@link #stop()}, both on the
 * caller's thread, so the readings span exactly the interval between the two calls.
 *
 * <p>Waiting uses the real monotonic clock (deadlines advance by the interval, so the rate does not
 * drift); timestamps come from the injected clock. A failed background read ends polling and is
 * reported by {@link Readings#failure()}. One start and one stop per instance; {@link #stop()} and
 * {@link #close()} may be called from any thread.
 *
 * @param <T> the type of one reading
 */
final class PeriodicReader<T> implements AutoCloseable {

    /**
     * One read of the source.
     *
     * @param <T> the reading type
     */
    @FunctionalInterface
    interface Source<T> {
        /**
         * Reads the current value.
         *
         * @return the current value
         * @throws IOException if it cannot be read
         */
        T read() throws IOException;
    }

    private static final long JOIN_TIMEOUT_MS = 5_000;

    private final Source<T> source;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final String threadName;
    private final List<Long> nanos = new ArrayList<>();
    private final List<T> values = new ArrayList<>();
    private IOException failure;
    private Thread thread;
    private volatile boolean running;
    private boolean stopped;

    PeriodicReader(Source<T> source, long intervalNanos, LongSupplier clock, String threadName) {
        this.source = Objects.requireNonNull(source, "source");
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be > 0 ns, got " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
    }

    /**
     * Takes the first reading on this thread, then starts the background thread.
     *
     * @throws IOException if the first reading fails (nothing is started then)
     */
    synchronized void start() throws IOException {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        T first = source.read();
        append(clock.getAsLong(), first);
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long deadline = System.nanoTime() + intervalNanos;
        while (running) {
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue; // re-check running and the deadline after any wake-up
            }
            deadline += intervalNanos;
            if (deadline < System.nanoTime()) {
                deadline = System.nanoTime() + intervalNanos; // fell behind: skip, do not burst
            }
            try {
                T value = source.read();
                append(clock.getAsLong(), value);
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
                }
                running = false;
            }
        }
    }

    private synchronized void append(long t, T value) {
        Objects.requireNonNull(value, "source returned null");
        if (stopped && Thread.currentThread() == thread) {
            return; // a late background read after stop() gave up waiting for the thread
        }
        if (!nanos.isEmpty() && t <= nanos.get(nanos.size() - 1)) {
            return; // same tick of a coarse clock: keep the earlier reading
        }
        nanos.add(t);
        values.add(value);
    }

    /**
     * Stops the background thread, takes the last reading on this thread (unless polling already
     * failed) and returns every reading.
     *
     * @return the readings, in time order
     */
    Readings<T> stop() {
        halt();
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("already stopped");
            }
            stopped = true;
            if (failure == null) {
                try {
                    T last = source.read();
                    append(clock.getAsLong(), last);
                } catch (IOException | RuntimeException e) {
                    failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
                }
            }
            long[] t = new long[nanos.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = nanos.get(i);
            }
            return new Readings<>(t, List.copyOf(values), Optional.ofNullable(failure));
        }
    }

    private void halt() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        running = false;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join(JOIN_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the background thread without a final reading. Idempotent. */
    @Override
    public void close() {
        halt();
    }

    /**
     * Timestamped readings.
     *
     * @param nanos strictly increasing timestamps from the injected clock
     * @param values the reading at each timestamp
     * @param failure the error that ended polling early, if any
     * @param <T> the reading type
     */
    record Readings<T>(long[] nanos, List<T> values, Optional<IOException> failure) {
    }
}
