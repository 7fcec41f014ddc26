package dev.compressor.api.profile;

import dev.compressor.api.energy.EnergyMeter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Configures a {@link Profiler}. Every setter checks its argument at once. The measured phase runs
 * a count of inferences ({@link #measuredIterations(int)}, default 100), or until a time budget is
 * spent ({@link #timeBudget(Duration)}), or both, stopping at whichever limit comes first; with a
 * budget, {@link #minMeasuredIterations(int)} keeps slow inferences from ending with too few samples.
 * Not thread-safe; the profiler it builds is immutable.
 */
public final class ProfilerBuilder {

    int warmupIterations = 10;
    /** The measured count, or null for no count limit (then a budget must be set). */
    Integer measuredIterations;
    Duration timeBudget;
    int minMeasuredIterations = 1;
    int batchSize;
    String label = "inference";
    LongSupplier ticker = System::nanoTime;
    EnergyMeter meter;
    Runnable synchronizer = Profiler::commitNd4j;
    Duration idleBaseline;
    Sleeper sleeper = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

    ProfilerBuilder() {
    }

    ProfilerBuilder(int warmupIterations, Integer measuredIterations, Duration timeBudget, int minMeasuredIterations,
            int batchSize, String label, LongSupplier ticker, EnergyMeter meter, Runnable synchronizer,
            Duration idleBaseline, Sleeper sleeper) {
        this.warmupIterations = warmupIterations;
        this.measuredIterations = measuredIterations;
        this.timeBudget = timeBudget;
        this.minMeasuredIterations = minMeasuredIterations;
        this.batchSize = batchSize;
        this.label = label;
        this.ticker = ticker;
        this.meter = meter;
        this.synchronizer = synchronizer;
        this.idleBaseline = idleBaseline;
        this.sleeper = sleeper;
    }

    /** Waits while idle power is measured; a seam for tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * Inferences run before measuring (JIT compilation, caches, workspaces). Default 10.
     *
     * @param n 0 or more
     * @return this builder
     */
    public ProfilerBuilder warmupIterations(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("warmupIterations must be >= 0, got " + n);
        }
        this.warmupIterations = n;
        return this;
    }

    /**
     * Measures this many inferences: exactly, or at most when a {@link #timeBudget(Duration) time
     * budget} is set as well. Default 100 when no budget is set; no count limit when only a budget is.
     *
     * @param n 1 or more
     * @return this builder
     */
    public ProfilerBuilder measuredIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("measuredIterations must be >= 1, got " + n);
        }
        this.measuredIterations = n;
        return this;
    }

    /**
     * Measures inferences until this much ticker time has passed, or until the {@link
     * #measuredIterations(int) count} is reached if one is set and comes first. The budget is checked
     * after each inference, so the last one may end past it; at least {@link
     * #minMeasuredIterations(int)} inferences are measured whatever they take.
     *
     * @param budget a positive duration
     * @return this builder
     */
    public ProfilerBuilder timeBudget(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("timeBudget must be > 0, got " + budget);
        }
        this.timeBudget = budget;
        return this;
    }

    /**
     * With a {@link #timeBudget(Duration) time budget}: measures at least this many inferences even
     * when they take longer than the budget (so that a slow network still gets percentiles of
     * several samples). Default 1.
     *
     * @param n 1 or more, at most the {@link #measuredIterations(int) count} when one is set
     * @return this builder
     */
    public ProfilerBuilder minMeasuredIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("minMeasuredIterations must be >= 1, got " + n);
        }
        this.minMeasuredIterations = n;
        return this;
    }

    /**
     * Samples per inference, for throughput and energy per sample. Optional: the network
     * overloads take it from the input's first dimension (and check it if set); plain suppliers
     * default to 1.
     *
     * @param n 1 or more
     * @return this builder
     */
    public ProfilerBuilder batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + n);
        }
        this.batchSize = n;
        return this;
    }

    /**
     * A description of what is profiled (network, input shape, runtime mode), kept in the profile.
     *
     * @param text not null
     * @return this builder
     */
    public ProfilerBuilder label(String text) {
        this.label = Objects.requireNonNull(text, "label");
        return this;
    }

    /**
     * The clock: monotonic time in nanoseconds. Default {@link System#nanoTime()}; inject a fake
     * for exact tests.
     *
     * @param nanos the time source
     * @return this builder
     */
    public ProfilerBuilder ticker(LongSupplier nanos) {
        this.ticker = Objects.requireNonNull(nanos, "ticker");
        return this;
    }

    /**
     * Attaches an energy meter, started after the warm-up and stopped after the last measured
     * inference.
     *
     * @param meter the meter (see {@code EnergyMeters.best()})
     * @return this builder
     */
    public ProfilerBuilder energyMeter(EnergyMeter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        return this;
    }

    /**
     * Measures idle power with the attached meter for this long before the warm-up (the thread
     * sleeps meanwhile) and records it as the reading's {@link
     * dev.compressor.api.energy.EnergyReading#idleWatts() idle baseline}, so that energy above idle
     * can be reported. Requires an {@link #energyMeter(EnergyMeter) energy meter}. Off by default.
     *
     * @param duration a positive duration; a few seconds gives a stable baseline
     * @return this builder
     */
    public ProfilerBuilder idleBaseline(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("idleBaseline must be > 0, got " + duration);
        }
        this.idleBaseline = duration;
        return this;
    }

    ProfilerBuilder sleeper(Sleeper s) {
        this.sleeper = Objects.requireNonNull(s, "sleeper");
        return this;
    }

    /**
     * What to run before every clock read to wait for queued work. Default
     * {@code Nd4j.getExecutioner().commit()}; replace it for work outside ND4J.
     *
     * @param sync the synchroniser
     * @return this builder
     */
    public ProfilerBuilder synchronizer(Runnable sync) {
        this.synchronizer = Objects.requireNonNull(sync, "synchronizer");
        return this;
    }

    /**
     * Builds the profiler.
     *
     * @return an immutable profiler
     * @throws IllegalStateException if an idle baseline was set without an energy meter, a minimum
     *     count without a time budget, or a minimum count above the measured count
     */
    public Profiler build() {
        if (idleBaseline != null && meter == null) {
            throw new IllegalStateException("idleBaseline (" + idleBaseline + ") needs an energyMeter to measure with");
        }
        if (minMeasuredIterations > 1 && timeBudget == null) {
            throw new IllegalStateException("minMeasuredIterations (" + minMeasuredIterations
                    + ") applies to a timeBudget, and none is set");
        }
        if (measuredIterations != null && minMeasuredIterations > measuredIterations) {
            throw new IllegalStateException("minMeasuredIterations (" + minMeasuredIterations
                    + ") is above measuredIterations (" + measuredIterations + ")");
        }
        return Profiler.of(this);
    }
}
