package dev.compressor.api.profile;

import com.google.common.base.Ticker;
import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.internal.NetworkIO;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures inference: runs warm-up inferences, then measured ones (a count, or until a time budget
 * is spent, or whichever of the two comes first), and returns a {@link Profile}. Before every clock
 * read the backend is synchronised (by default {@code Nd4j.getExecutioner().commit()}), so
 * asynchronous backends are timed in full;
 * every output is read, so no work can be skipped. An attached {@link EnergyMeter} runs over the
 * measured phase only.
 *
 * <p>Create with {@link #builder()}. Immutable; {@code profile} calls may run one after another
 * from any thread, but not concurrently (they would share the machine and the meter).
 */
public final class Profiler {

    private final int warmupIterations;
    private final Integer measuredIterations;
    private final Duration timeBudget;
    private final int minMeasuredIterations;
    private final int batchSize;
    private final String label;
    private final Ticker ticker;
    private final EnergyMeter meter;
    private final Runnable synchronizer;
    private final Duration idleBaseline;
    private final Builder.Sleeper sleeper;

    private Profiler(Builder b) {
        this.warmupIterations = b.warmupIterations;
        this.measuredIterations = b.measuredIterations == null && b.timeBudget == null
                ? Integer.valueOf(100) : b.measuredIterations;
        this.timeBudget = b.timeBudget;
        this.minMeasuredIterations = b.minMeasuredIterations;
        this.batchSize = b.batchSize;
        this.label = b.label;
        this.ticker = b.ticker;
        this.meter = b.meter;
        this.synchronizer = b.synchronizer;
        this.idleBaseline = b.idleBaseline;
        this.sleeper = b.sleeper;
    }

    /**
     * A builder with defaults: 10 warm-up and 100 measured inferences, batch size 1,
     * {@link Ticker#systemTicker()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this profiler's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Profiles any inference.
     *
     * @param inference runs one inference and returns its output (never null)
     * @return the profile, with the builder's batch size
     * @throws EnergyMeterException if the attached meter fails
     */
    public Profile profile(Supplier<INDArray> inference) throws EnergyMeterException {
        Objects.requireNonNull(inference, "inference");
        return run(inference, batchSize == 0 ? 1 : batchSize);
    }

    /**
     * Profiles {@link MultiLayerNetwork#output(INDArray)} on one input.
     *
     * @param network the network (inference mode)
     * @param input the input batch; its first dimension is the batch size
     * @return the profile
     * @throws EnergyMeterException if the attached meter fails
     * @throws IllegalArgumentException if the network is not initialised or the builder's batch size differs
     *     from the input's
     */
    public Profile profile(MultiLayerNetwork network, INDArray input) throws EnergyMeterException {
        NetworkIO.requireInitialised(network);
        Objects.requireNonNull(input, "input");
        return run(() -> network.output(input), batchOf(input));
    }

    /**
     * Profiles {@link ComputationGraph#output(INDArray...)}; all outputs are read.
     *
     * @param graph the graph (inference mode)
     * @param inputs one array per graph input; the first one's first dimension is the batch size
     * @return the profile
     * @throws EnergyMeterException if the attached meter fails
     * @throws IllegalArgumentException if the graph is not initialised, no input is given or the batch size
     *     differs from the builder's
     */
    public Profile profile(ComputationGraph graph, INDArray... inputs) throws EnergyMeterException {
        NetworkIO.requireInitialised(graph);
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("give at least one input array");
        }
        return run(() -> graph.output(inputs), batchOf(inputs[0]));
    }

    /**
     * Profiles a network whose static type is {@link Model}, as {@code CompressedModel.restore},
     * {@code CompressedModel.load} and {@code CompressionResult.network()} return it: a {@link
     * MultiLayerNetwork} goes to {@link #profile(MultiLayerNetwork, INDArray)}, a {@link ComputationGraph}
     * to {@link #profile(ComputationGraph, INDArray...)}.
     *
     * @param network a MultiLayerNetwork or ComputationGraph (inference mode)
     * @param inputs the input batch (exactly one for a MultiLayerNetwork, one per input for a graph); the
     *     first one's first dimension is the batch size
     * @return the profile
     * @throws EnergyMeterException if the attached meter fails
     * @throws IllegalArgumentException if the network is of another type (the message names its class), not
     *     initialised, given the wrong number of inputs, or the batch size differs from the builder's
     */
    public Profile profile(Model network, INDArray... inputs) throws EnergyMeterException {
        Objects.requireNonNull(network, "network");
        if (network instanceof MultiLayerNetwork m) {
            if (inputs == null || inputs.length != 1) {
                throw new IllegalArgumentException("a MultiLayerNetwork takes one input array, got "
                        + (inputs == null ? 0 : inputs.length));
            }
            return profile(m, inputs[0]);
        }
        if (network instanceof ComputationGraph g) {
            return profile(g, inputs);
        }
        throw new IllegalArgumentException("cannot profile a " + network.getClass().getName()
                + ": expected a MultiLayerNetwork or a ComputationGraph (or use profile(Supplier))");
    }

    private int batchOf(INDArray input) {
        int fromInput = input.rank() > 0 ? (int) input.size(0) : 1;
        if (batchSize != 0 && batchSize != fromInput) {
            throw new IllegalArgumentException("batchSize was set to " + batchSize + " but the input "
                    + java.util.Arrays.toString(input.shape()) + " holds " + fromInput);
        }
        return fromInput;
    }

    private Profile run(Supplier<?> inference, int batch) throws EnergyMeterException {
        Optional<EnergyReading> idle = idleBaseline == null ? Optional.empty() : Optional.of(measureIdle());
        double checksum = 0;
        for (int i = 0; i < warmupIterations; i++) {
            Object out = inference.get();
            synchronizer.run();
            checksum += OutputConsumer.consume(out);
        }
        LatencyRecorder recorder = new LatencyRecorder();
        long budget = timeBudget == null ? Long.MAX_VALUE : timeBudget.toNanos();
        int maxCount = measuredIterations == null ? Integer.MAX_VALUE : measuredIterations;
        EnergyReading reading = null;
        synchronizer.run();
        try (EnergyMeter.Session session = meter == null ? null : meter.start()) {
            synchronizer.run();
            long start = ticker.read();
            long t0 = start;
            while (true) {
                Object out = inference.get();
                synchronizer.run();
                long t1 = ticker.read();
                recorder.record(t1 - t0);
                checksum += OutputConsumer.consume(out);
                long n = recorder.count();
                if (n >= maxCount || n >= minMeasuredIterations && t1 - start >= budget) {
                    break;
                }
                synchronizer.run();
                t0 = ticker.read();
            }
            if (session != null) {
                reading = session.stop();
                if (idle.isPresent()) {
                    reading = withIdle(reading, idle.get());
                }
            }
        }
        MemoryUse memory = MemoryProbe.snapshot();
        return new Profile(label, batch, warmupIterations, recorder.stats(), Duration.ofNanos(recorder.sumNanos()),
                memory, Optional.ofNullable(reading), checksum);
    }

    private EnergyReading measureIdle() throws EnergyMeterException {
        synchronizer.run();
        try (EnergyMeter.Session session = meter.start()) {
            try {
                sleeper.sleep(idleBaseline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnergyMeterException("interrupted while measuring idle power", e);
            }
            EnergyReading idle = session.stop();
            if (idle.duration().isZero()) {
                throw new EnergyMeterException("the idle measurement of " + meter.name() + " lasted no time; check its clock");
            }
            return idle;
        }
    }

    private static EnergyReading withIdle(EnergyReading r, EnergyReading idle) {
        String note = String.format(java.util.Locale.ROOT, "idle baseline %.3f W measured over %.3f s before the warm-up",
                idle.averageWatts(), idle.seconds());
        return r.withIdleWatts(idle.averageWatts()).withRemark(note);
    }

    /** The default synchroniser: waits for ND4J's queued operations to finish. */
    static void commitNd4j() {
        Nd4j.getExecutioner().commit();
    }

    /**
     * Configures a {@link Profiler}; get one from {@link Profiler#builder()} or {@link Profiler#toBuilder()}.
     * Every setter checks its argument at once. The measured phase runs a count of inferences ({@link
     * #measuredIterations(int)}, default 100), or until a time budget is spent ({@link #timeBudget(Duration)}), or
     * both, stopping at whichever limit comes first; with a budget, {@link #minMeasuredIterations(int)} keeps slow
     * inferences from ending with too few samples.
     * Not thread-safe; the profiler it builds is immutable.
     */
    public static final class Builder {

        private int warmupIterations = 10;
        /** The measured count, or null for no count limit (then a budget must be set). */
        private Integer measuredIterations;
        private Duration timeBudget;
        private int minMeasuredIterations = 1;
        private int batchSize;
        private String label = "inference";
        private Ticker ticker = Ticker.systemTicker();
        private EnergyMeter meter;
        private Runnable synchronizer = Profiler::commitNd4j;
        private Duration idleBaseline;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

        private Builder() {
        }

        private Builder(Profiler p) {
            this.warmupIterations = p.warmupIterations;
            this.measuredIterations = p.measuredIterations;
            this.timeBudget = p.timeBudget;
            this.minMeasuredIterations = p.minMeasuredIterations;
            this.batchSize = p.batchSize;
            this.label = p.label;
            this.ticker = p.ticker;
            this.meter = p.meter;
            this.synchronizer = p.synchronizer;
            this.idleBaseline = p.idleBaseline;
            this.sleeper = p.sleeper;
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
        public Builder warmupIterations(int n) {
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
        public Builder measuredIterations(int n) {
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
        public Builder timeBudget(Duration budget) {
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
        public Builder minMeasuredIterations(int n) {
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
        public Builder batchSize(int n) {
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
        public Builder label(String text) {
            this.label = Objects.requireNonNull(text, "label");
            return this;
        }

        /**
         * The clock: monotonic time in nanoseconds. Default {@link Ticker#systemTicker()}
         * ({@link System#nanoTime()}); inject a fake for exact tests.
         *
         * @param ticker the time source
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Attaches an energy meter, started after the warm-up and stopped after the last measured
         * inference.
         *
         * @param meter the meter (see {@code EnergyMeters.best()})
         * @return this builder
         */
        public Builder energyMeter(EnergyMeter meter) {
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
        public Builder idleBaseline(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("idleBaseline must be > 0, got " + duration);
            }
            this.idleBaseline = duration;
            return this;
        }

        Builder sleeper(Sleeper s) {
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
        public Builder synchronizer(Runnable sync) {
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
            return new Profiler(this);
        }
    }
}
