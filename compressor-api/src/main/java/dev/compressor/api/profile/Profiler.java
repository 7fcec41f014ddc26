package dev.compressor.api.profile;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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
    private final LongSupplier ticker;
    private final EnergyMeter meter;
    private final Runnable synchronizer;
    private final Duration idleBaseline;
    private final ProfilerBuilder.Sleeper sleeper;

    private Profiler(ProfilerBuilder b) {
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
     * A builder with defaults: 10 warm-up and 100 measured inferences, batch size 1, {@link System#nanoTime()}.
     *
     * @return a new builder
     */
    public static ProfilerBuilder builder() {
        return new ProfilerBuilder();
    }

    static Profiler of(ProfilerBuilder b) {
        return new Profiler(b);
    }

    /**
     * A builder holding this profiler's settings.
     *
     * @return a new builder
     */
    public ProfilerBuilder toBuilder() {
        return new ProfilerBuilder(warmupIterations, measuredIterations, timeBudget, minMeasuredIterations, batchSize,
                label, ticker, meter, synchronizer, idleBaseline, sleeper);
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
     * @throws IllegalArgumentException if the builder's batch size differs from the input's
     */
    public Profile profile(MultiLayerNetwork network, INDArray input) throws EnergyMeterException {
        Objects.requireNonNull(network, "network");
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
     * @throws IllegalArgumentException if no input is given or the batch size differs from the builder's
     */
    public Profile profile(ComputationGraph graph, INDArray... inputs) throws EnergyMeterException {
        Objects.requireNonNull(graph, "graph");
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("give at least one input array");
        }
        return run(() -> graph.output(inputs), batchOf(inputs[0]));
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
            long start = ticker.getAsLong();
            long t0 = start;
            while (true) {
                Object out = inference.get();
                synchronizer.run();
                long t1 = ticker.getAsLong();
                recorder.record(t1 - t0);
                checksum += OutputConsumer.consume(out);
                long n = recorder.count();
                if (n >= maxCount || n >= minMeasuredIterations && t1 - start >= budget) {
                    break;
                }
                synchronizer.run();
                t0 = ticker.getAsLong();
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
        return new EnergyReading(r.source(), r.estimated(), r.duration(), r.joules(), r.averageWatts(), r.peakWatts(),
                r.rails(), r.totalRails(), r.sampleCount(), Optional.of(idle.averageWatts()), r.partial(),
                r.note().isEmpty() ? note : r.note() + "; " + note);
    }

    /** The default synchroniser: waits for ND4J's queued operations to finish. */
    static void commitNd4j() {
        Nd4j.getExecutioner().commit();
    }
}
