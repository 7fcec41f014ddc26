package dev.compressor.api.profile;

import com.google.common.base.Ticker;
import com.google.common.math.Quantiles;
import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.internal.NetworkIO;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures several inferences (arms: a baseline and one or more candidates) in interleaved rounds in
 * this JVM, so that their latency (and energy) can be compared as ratios with confidence intervals
 * ({@link PairedProfile#latencyRatio}). Whatever runs first in a fresh JVM looks slow, and a machine's
 * speed drifts over minutes: measuring one setting after another turns both into false differences.
 * Here every round runs every arm once, in an order that cycles through all permutations of the arms
 * (for two arms: A B, then B A), so each arm runs in each position equally often and drift touches
 * every arm alike.
 *
 * <p>Before the measured rounds, untimed warm-up rounds of the same kind run until the times of the
 * last three rounds all lie within {@link Builder#settle(double) settle} (default 10 %) of their
 * median, at least three and at most {@link Builder#maxWarmupRounds(int)}. Then up to {@link Builder#rounds(int)} rounds
 * run, stopping early once {@link Builder#minRounds(int)} rounds are done and the time budget is spent.
 * Before every clock read the backend is synchronised; every output is read.
 *
 * <p>With an {@link EnergyMeter}, each arm's turn runs inside a meter session and its energy per
 * inference is recorded per round (with {@link Builder#idleBaseline(Duration)}, the idle power
 * measured once before the warm-up is subtracted), so energy follows the same paired protocol.
 *
 * <p>Immutable; {@code compare} calls may run one after another, never concurrently.
 */
public final class PairedProfiler {

    private final int rounds;
    private final int minRounds;
    private final Duration timeBudget;
    private final int maxWarmupRounds;
    private final double settle;
    private final double margin;
    private final Ticker ticker;
    private final Runnable synchronizer;
    private final EnergyMeter meter;
    private final Duration idleBaseline;

    private PairedProfiler(Builder b) {
        this.rounds = b.rounds;
        this.minRounds = Math.min(b.minRounds, b.rounds);
        this.timeBudget = b.timeBudget;
        this.maxWarmupRounds = b.maxWarmupRounds;
        this.settle = b.settle;
        this.margin = b.margin;
        this.ticker = b.ticker;
        this.synchronizer = b.synchronizer;
        this.meter = b.meter;
        this.idleBaseline = b.idleBaseline;
    }

    /**
     * A builder with defaults: up to 30 rounds (at least 10 once a budget is set), at most 10 warm-up
     * rounds settling within 10 %, a 5 % verdict margin, {@link Ticker#systemTicker()}, no energy meter.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One inference of a network on fixed inputs, as an arm: {@code output(inputs)} of a
     * {@link MultiLayerNetwork} (first input) or a {@link ComputationGraph} (all inputs).
     *
     * @param network the network, as returned by a restore or a compression result
     * @param inputs the inputs, one per network input
     * @return the inference
     * @throws IllegalArgumentException if the network is of another type, not initialised, or no input is given
     */
    public static Supplier<Object> inference(Model network, INDArray... inputs) {
        NetworkIO.requireInitialised(network);
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("give at least one input array");
        }
        if (network instanceof MultiLayerNetwork m) {
            return () -> m.output(inputs[0]);
        }
        if (network instanceof ComputationGraph g) {
            return () -> g.output(inputs);
        }
        throw new IllegalArgumentException("cannot run a " + network.getClass().getName()
                + "; expected a MultiLayerNetwork or a ComputationGraph");
    }

    /**
     * Measures a baseline and one candidate.
     *
     * @param baselineName the baseline's name, e.g. {@code fp32}
     * @param baseline the baseline inference
     * @param candidateName the candidate's name
     * @param candidate the candidate inference
     * @return the profile
     * @throws EnergyMeterException if the attached meter fails
     * @throws IllegalArgumentException if the names are equal
     */
    public PairedProfile compare(String baselineName, Supplier<?> baseline, String candidateName,
                                 Supplier<?> candidate) throws EnergyMeterException {
        Map<String, Supplier<?>> arms = new LinkedHashMap<>();
        arms.put(baselineName, baseline);
        if (arms.put(candidateName, candidate) != null) {
            throw new IllegalArgumentException("the candidate's name equals the baseline's: '" + candidateName + "'");
        }
        return compare(arms);
    }

    /**
     * Measures any number of arms in interleaved rounds.
     *
     * @param arms the arms by name, in order; the first is the baseline
     * @return the profile
     * @throws EnergyMeterException if the attached meter fails
     * @throws IllegalArgumentException if fewer than two arms are given
     */
    public PairedProfile compare(Map<String, ? extends Supplier<?>> arms) throws EnergyMeterException {
        if (arms.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two arms, got " + arms.keySet());
        }
        List<String> names = new ArrayList<>(arms.keySet());
        List<Supplier<?>> runs = new ArrayList<>(arms.values());
        runs.forEach(r -> Objects.requireNonNull(r, "arm inference"));
        List<int[]> orders = RoundOrders.of(names.size());
        double idleWatts = Double.NaN;
        if (meter != null && idleBaseline != null) {
            idleWatts = meter.measureIdleWatts(idleBaseline);
        }
        Turns turns = new Turns(runs, orders, meter, idleWatts);
        int warm = 0;
        boolean settled = false;
        double[] recent = new double[SETTLE_WINDOW];
        while (warm < maxWarmupRounds) {
            recent[warm % SETTLE_WINDOW] = turns.round(warm, null);
            warm++;
            if (warm >= SETTLE_WINDOW && settled(recent, settle)) {
                settled = true;
                break;
            }
        }
        int k = names.size();
        double[][] nanos = new double[k][rounds];
        double[][] joules = new double[k][rounds];
        LatencyRecorder[] recorders = new LatencyRecorder[k];
        for (int a = 0; a < k; a++) {
            recorders[a] = new LatencyRecorder();
        }
        long start = ticker.read();
        long budget = timeBudget == null ? Long.MAX_VALUE : timeBudget.toNanos();
        int done = 0;
        while (done < rounds) {
            turns.round(warm + done, new Sink(nanos, joules, recorders, done));
            done++;
            if (done >= minRounds && ticker.read() - start >= budget) {
                break;
            }
        }
        Map<String, double[]> lat = new LinkedHashMap<>();
        Map<String, LatencyStats> stats = new LinkedHashMap<>();
        Map<String, double[]> energy = new LinkedHashMap<>();
        for (int a = 0; a < k; a++) {
            lat.put(names.get(a), java.util.Arrays.copyOf(nanos[a], done));
            stats.put(names.get(a), recorders[a].stats());
            if (meter != null) {
                energy.put(names.get(a), java.util.Arrays.copyOf(joules[a], done));
            }
        }
        Optional<PairedProfile.EnergyMethod> method = meter == null ? Optional.empty()
                : Optional.of(new PairedProfile.EnergyMethod(meter.name(), meter.estimated(), idleWatts,
                        turns.samplesPerSecond()));
        return new PairedProfile(names, done, warm, settled, margin, lat, stats, energy, method);
    }

    /** Warm-up rounds whose times must agree for latency to count as settled. */
    static final int SETTLE_WINDOW = 3;

    /** Whether every time lies within {@code settle} of their median. */
    static boolean settled(double[] times, double settle) {
        double m = Quantiles.median().compute(times);
        for (double t : times) {
            if (Math.abs(t - m) > settle * m) {
                return false;
            }
        }
        return true;
    }

    /** Where a measured round's values go. */
    private record Sink(double[][] nanos, double[][] joules, LatencyRecorder[] recorders, int round) {
    }

    /** Runs rounds: every arm once, in the round's order, timed (and metered) one turn at a time. */
    private final class Turns {
        private final List<Supplier<?>> runs;
        private final List<int[]> orders;
        private final EnergyMeter meter;
        private final double idleWatts;
        private long samples;
        private double meteredSeconds;
        private double checksum;

        Turns(List<Supplier<?>> runs, List<int[]> orders, EnergyMeter meter, double idleWatts) {
            this.runs = runs;
            this.orders = orders;
            this.meter = meter;
            this.idleWatts = idleWatts;
        }

        /** Runs round {@code r}; returns its total time in nanoseconds. */
        double round(int r, Sink sink) throws EnergyMeterException {
            double total = 0;
            for (int a : orders.get(r % orders.size())) {
                synchronizer.run();
                EnergyMeter.Session session = meter == null ? null : meter.start();
                try {
                    synchronizer.run();
                    long t0 = ticker.read();
                    Object out = runs.get(a).get();
                    synchronizer.run();
                    long t = ticker.read() - t0;
                    checksum += OutputConsumer.consume(out);
                    total += t;
                    EnergyReading reading = session == null ? null : session.stop();
                    if (sink != null) {
                        sink.nanos()[a][sink.round()] = t;
                        sink.recorders()[a].record(t);
                        if (reading != null) {
                            double idle = Double.isNaN(idleWatts) ? 0 : idleWatts * reading.seconds();
                            sink.joules()[a][sink.round()] = reading.joules() - idle;
                            samples += reading.sampleCount();
                            meteredSeconds += reading.seconds();
                        }
                    }
                } finally {
                    if (session != null) {
                        session.close();
                    }
                }
            }
            return total;
        }

        double samplesPerSecond() {
            return meteredSeconds > 0 && samples > 0 ? samples / meteredSeconds : Double.NaN;
        }
    }

    /** Configures a {@link PairedProfiler}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private int rounds = 30;
        private int minRounds = 10;
        private Duration timeBudget;
        private int maxWarmupRounds = 10;
        private double settle = 0.10;
        private double margin = PairedComparison.DEFAULT_MARGIN;
        private Ticker ticker = Ticker.systemTicker();
        private Runnable synchronizer = Profiler::commitNd4j;
        private EnergyMeter meter;
        private Duration idleBaseline;

        private Builder() {
        }

        /**
         * Most measured rounds (default 30).
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder rounds(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("rounds must be >= 1, got " + n);
            }
            this.rounds = n;
            return this;
        }

        /**
         * Fewest measured rounds when a time budget ends the measurement early (default 10; capped
         * at {@link #rounds(int)}).
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder minRounds(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("minRounds must be >= 1, got " + n);
            }
            this.minRounds = n;
            return this;
        }

        /**
         * Stop starting rounds once this much time has gone by in the measured rounds (and at least
         * {@link #minRounds(int)} are done). Default: none.
         *
         * @param d a positive duration
         * @return this builder
         */
        public Builder timeBudget(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("time budget must be positive, got " + d);
            }
            this.timeBudget = d;
            return this;
        }

        /**
         * Most warm-up rounds (default 10); 0 skips the warm-up.
         *
         * @param n 0 or more
         * @return this builder
         */
        public Builder maxWarmupRounds(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxWarmupRounds must be >= 0, got " + n);
            }
            this.maxWarmupRounds = n;
            return this;
        }

        /**
         * How close the last three warm-up rounds' times must lie to their median for latency to count
         * as settled (default 0.10).
         *
         * @param fraction in (0, 1)
         * @return this builder
         */
        public Builder settle(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("settle must be in (0, 1), got " + fraction);
            }
            this.settle = fraction;
            return this;
        }

        /**
         * The margin of the verdicts (default {@value PairedComparison#DEFAULT_MARGIN}): "same" means
         * the interval lies within it, "faster" or "slower" that it lies beyond it.
         *
         * @param fraction in [0, 1)
         * @return this builder
         */
        public Builder margin(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("margin must be in [0, 1), got " + fraction);
            }
            this.margin = fraction;
            return this;
        }

        /**
         * The clock: monotonic time in nanoseconds (a seam for tests; default
         * {@link Ticker#systemTicker()}, which reads {@link System#nanoTime()}).
         *
         * @param ticker a monotonic clock
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * What waits for the backend before every clock read (default: ND4J's {@code commit()}).
         *
         * @param sync the synchroniser
         * @return this builder
         */
        public Builder synchronizer(Runnable sync) {
            this.synchronizer = Objects.requireNonNull(sync, "synchronizer");
            return this;
        }

        /**
         * Measures every turn's energy with this meter.
         *
         * @param m the meter
         * @return this builder
         */
        public Builder energyMeter(EnergyMeter m) {
            this.meter = Objects.requireNonNull(m, "meter");
            return this;
        }

        /**
         * Measures idle power for this long before the warm-up and subtracts it from every turn's
         * energy (needs an energy meter).
         *
         * @param d a positive duration
         * @return this builder
         */
        public Builder idleBaseline(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("idle baseline must be positive, got " + d);
            }
            this.idleBaseline = d;
            return this;
        }

        /**
         * Builds the profiler.
         *
         * @return the profiler
         * @throws IllegalStateException if an idle baseline is set without an energy meter
         */
        public PairedProfiler build() {
            if (idleBaseline != null && meter == null) {
                throw new IllegalStateException("an idle baseline needs an energy meter");
            }
            return new PairedProfiler(this);
        }
    }
}
