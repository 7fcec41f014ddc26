package dev.compressor.api.energy;

import com.google.common.base.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls a {@link PowerSource} at a fixed interval on a daemon thread and hands every sample to a
 * {@link Sink} (normally a {@link RailEnergyAccumulator}): the one polling loop of every meter
 * (INA3221 through sysfs, RAPL counters). Reusable: each {@link #start} begins an independent
 * {@link Running} sampling.
 *
 * <p>The first sample is read by {@link #start} and the last by {@link Running#stop()}, on the
 * caller's thread, so the samples span exactly the measured interval. Each sample is stamped with
 * the midpoint of the clock readings taken just before and just after the read (never earlier than
 * the previous stamp). Deadlines advance by the interval (no drift); a poll that falls more than
 * one interval behind is skipped rather than bunched. A read or sink failure ends polling; the
 * samples before it stay in the sink and {@link Running#stop()} returns the failure. Memory is
 * constant: the sampler keeps no samples itself.
 *
 * <p>Timestamps come from the injected {@link Ticker} (default {@link Ticker#systemTicker()});
 * waiting always uses the real monotonic clock. Instances are immutable and thread-safe; each
 * {@code withX} returns a copy.
 */
public final class PowerSampler {

    /** The default polling interval: 10 ms (100 Hz). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

    /** The shortest interval accepted: 100 microseconds (10 kHz). */
    public static final Duration MIN_INTERVAL = Duration.ofNanos(100_000);

    /** The longest interval accepted: one hour. */
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);

    private static final long JOIN_TIMEOUT_MS = 5_000;

    /** Receives every sample, on the sampling thread or the caller's; never two at once. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes one sample.
         *
         * @param nanos the sample's time; never earlier than the previous sample's
         * @param values one value per rail of the source; the sampler's own array, valid only
         *     during the call
         */
        void add(long nanos, double[] values);
    }

    private final PowerSource source;
    private final Duration interval;
    private final Ticker ticker;
    private final String threadName;

    private PowerSampler(PowerSource source, Duration interval, Ticker ticker, String threadName) {
        this.source = source;
        this.interval = interval;
        this.ticker = ticker;
        this.threadName = threadName;
    }

    /**
     * A sampler stamped with {@link Ticker#systemTicker()}, its thread named {@code power-sampler}.
     *
     * @param source the rails to read
     * @param interval time between polls, from {@link #MIN_INTERVAL} to {@link #MAX_INTERVAL}
     * @return the sampler
     * @throws IllegalArgumentException if the interval is out of range
     */
    public static PowerSampler of(PowerSource source, Duration interval) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval must be between 100 us and 1 h, got " + interval);
        }
        return new PowerSampler(source, interval, Ticker.systemTicker(), "power-sampler");
    }

    /**
     * Stamps samples with another clock (for tests, and for sharing a clock with a profiler).
     *
     * @param ticker monotonic time in nanoseconds; read from the sampling thread too, so it must
     *     be thread-safe
     * @return a copy
     */
    public PowerSampler withTicker(Ticker ticker) {
        return new PowerSampler(source, interval, Objects.requireNonNull(ticker, "ticker"), threadName);
    }

    /**
     * Names the sampling thread (as profilers and thread dumps show it).
     *
     * @param name the thread name, not blank
     * @return a copy
     * @throws IllegalArgumentException if blank
     */
    public PowerSampler withThreadName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("thread name must not be blank, got '" + name + "'");
        }
        return new PowerSampler(source, interval, ticker, name);
    }

    /**
     * The source polled.
     *
     * @return the source
     */
    public PowerSource source() {
        return source;
    }

    /**
     * The polling interval.
     *
     * @return the time between polls
     */
    public Duration interval() {
        return interval;
    }

    /**
     * Reads the first sample on this thread, gives it to the sink and starts polling.
     *
     * @param sink receives every sample
     * @return the running sampling; stop or close it
     * @throws IOException if the first read fails or the sink rejects it (nothing is started then)
     */
    public Running start(Sink sink) throws IOException {
        Running running = new Running(Objects.requireNonNull(sink, "sink"));
        running.sample(running.callerValues, false);
        running.thread.start();
        return running;
    }

    /** One sampling in progress. {@link #stop()} and {@link #close()} may be called from any thread. */
    public final class Running implements AutoCloseable {
        private final Sink sink;
        private final Thread thread;
        private final double[] callerValues;
        private final Object lock = new Object();
        private volatile boolean running = true;
        private volatile IOException failure;
        private long lastNanos = Long.MIN_VALUE;
        private boolean stopped;

        private Running(Sink sink) {
            this.sink = sink;
            int width = source.rails().size();
            this.callerValues = new double[width];
            this.thread = new Thread(() -> loop(new double[width]), threadName);
            this.thread.setDaemon(true);
        }

        private void loop(double[] values) {
            long step = interval.toNanos();
            long deadline = System.nanoTime() + step;
            while (running) {
                long wait = deadline - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                    continue; // re-check running and the deadline after any wake-up
                }
                deadline += step;
                long now = System.nanoTime();
                if (now - deadline > step) {
                    deadline = now + step; // fell behind: skip, do not burst
                }
                try {
                    sample(values, true);
                } catch (IOException e) {
                    failure = e;
                    return;
                }
            }
        }

        /** Reads, stamps and hands over one sample; a background sample after stop() is dropped. */
        private void sample(double[] values, boolean background) throws IOException {
            long before = ticker.read();
            try {
                source.read(values);
            } catch (RuntimeException e) {
                throw new IOException("the power source failed: " + e, e);
            }
            long after = ticker.read();
            long t = before + (after - before) / 2;
            synchronized (lock) {
                if (background && !running) {
                    return;
                }
                t = Math.max(t, lastNanos);
                try {
                    sink.add(t, values);
                } catch (RuntimeException e) {
                    throw new IOException("sample rejected: " + e.getMessage(), e);
                }
                lastNanos = t;
            }
        }

        /**
         * Stops polling and, unless polling already failed, reads the last sample on this thread.
         * When it returns, every sample has reached the sink (a happens-before edge: the sink may
         * be read on this thread).
         *
         * @return the failure that ended sampling early (a read, or the sink rejecting a sample, or
         *     the source not returning within 5 s of the stop), or empty when all went well
         * @throws IllegalStateException if called twice or after {@link #close()}
         */
        public Optional<IOException> stop() {
            synchronized (lock) {
                if (stopped) {
                    throw new IllegalStateException("sampling already stopped");
                }
                stopped = true;
            }
            halt();
            if (thread.isAlive()) {
                if (failure == null) {
                    failure = new IOException("the power source did not return within " + JOIN_TIMEOUT_MS
                            + " ms of the stop; the last sample is missing");
                }
            } else if (failure == null) {
                try {
                    sample(callerValues, false);
                } catch (IOException e) {
                    failure = e;
                }
            }
            return Optional.ofNullable(failure);
        }

        /** Stops polling without a last sample. Idempotent; {@link #stop()} is refused afterwards. */
        @Override
        public void close() {
            synchronized (lock) {
                stopped = true;
            }
            halt();
        }

        private void halt() {
            synchronized (lock) {
                running = false; // from here on, no background sample reaches the sink
            }
            if (thread != Thread.currentThread()) {
                LockSupport.unpark(thread);
                try {
                    thread.join(JOIN_TIMEOUT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
