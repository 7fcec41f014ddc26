package dev.compressor.api.energy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Polls a {@link PowerSource} at a fixed interval on a daemon thread and keeps every sample, for
 * meters built on instantaneous power sensors (INA3221 and the like). Reusable: each
 * {@link #start()} begins an independent {@link Running} sampling.
 *
 * <p>The first sample is read by {@link #start()} and the last by {@link Running#stop()}, on the
 * caller's thread, so the samples span exactly the measured interval. Deadlines advance by the
 * interval (no drift); a poll that falls behind is skipped rather than bunched. Intervals down to
 * 1 ms are accepted; 10 ms (100 Hz) is sustained on ordinary hardware when one read of the source
 * takes well under the interval. Memory: about 8 bytes per rail plus 24 bytes per poll.
 *
 * <p>Timestamps come from the injected nanosecond clock (default {@link System#nanoTime()});
 * waiting always uses the real monotonic clock. Instances are immutable and thread-safe.
 */
public final class PowerSampler {

    /** The default polling interval: 10 ms (100 Hz). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

    private final PowerSource source;
    private final Duration interval;
    private final LongSupplier nanoClock;

    /**
     * A sampler stamped with {@link System#nanoTime()}.
     *
     * @param source the rails to read
     * @param interval time between polls, at least 1 ms and at most 1 hour
     */
    public PowerSampler(PowerSource source, Duration interval) {
        this(source, interval, System::nanoTime);
    }

    /**
     * A sampler with an injected clock (for tests and for sharing a clock with a profiler).
     *
     * @param source the rails to read
     * @param interval time between polls, at least 1 ms and at most 1 hour
     * @param nanoClock monotonic time in nanoseconds; called from the sampling thread too, so it
     *     must be thread-safe
     */
    public PowerSampler(PowerSource source, Duration interval, LongSupplier nanoClock) {
        this.source = Objects.requireNonNull(source, "source");
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofMillis(1)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("interval must be between 1 ms and 1 h, got " + interval);
        }
        this.interval = interval;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
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
     * Reads the first sample and starts polling.
     *
     * @return the running sampling; stop or close it
     * @throws EnergyMeterException if the first read fails or returns no rails, saying why
     */
    public Running start() throws EnergyMeterException {
        Running running = new Running();
        try {
            running.reader.start();
        } catch (IOException | RuntimeException e) {
            throw new EnergyMeterException("cannot read the power source: " + e.getMessage(), e);
        }
        return running;
    }

    /** One sampling in progress. {@link #stop()} and {@link #close()} may be called from any thread. */
    public final class Running implements AutoCloseable {
        private final PeriodicReader<double[]> reader;
        private volatile List<String> rails;

        private Running() {
            this.reader = new PeriodicReader<>(this::readRow, interval.toNanos(), nanoClock, "power-sampler");
        }

        private double[] readRow() throws IOException {
            Map<String, Double> watts = source.read();
            if (watts == null || watts.isEmpty()) {
                throw new IOException("the power source returned no rails");
            }
            List<String> known = rails;
            if (known == null) {
                known = List.copyOf(watts.keySet());
                rails = known;
            } else if (!known.equals(new ArrayList<>(watts.keySet()))) {
                throw new IOException("the power source changed its rails from " + known + " to " + watts.keySet());
            }
            double[] row = new double[known.size()];
            for (int i = 0; i < row.length; i++) {
                Double w = watts.get(known.get(i));
                if (w == null || !(w >= 0) || w.isInfinite()) {
                    throw new IOException("rail " + known.get(i) + " reported " + w + " W; expected finite and >= 0");
                }
                row[i] = w;
            }
            return row;
        }

        /**
         * Stops polling, reads the last sample and returns all samples. A source failure during
         * sampling does not throw: the result says {@link SampledPower#failure()}.
         *
         * @return the samples per rail
         * @throws IllegalStateException if called twice
         */
        public SampledPower stop() {
            PeriodicReader.Readings<double[]> r = reader.stop();
            return new SampledPower(rails, r.nanos(), r.values(), r.failure().map(Throwable::getMessage));
        }

        /** Stops polling without producing a result. Idempotent. */
        @Override
        public void close() {
            reader.close();
        }
    }
}
