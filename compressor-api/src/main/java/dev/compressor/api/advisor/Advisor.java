package dev.compressor.api.advisor;

import com.google.common.base.Ticker;
import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.internal.NetworkIO;
import dev.compressor.api.profile.PairedComparison;
import dev.compressor.api.profile.PairedProfile;
import dev.compressor.api.profile.PairedProfiler;
import dev.compressor.api.profile.Profile;
import dev.compressor.api.profile.Profiler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * To compress, or not to compress: measures candidate settings on this machine (artifact size,
 * latency and energy with the given {@link Profiler}, quality with the given {@link QualityMetric})
 * and recommends the one that best meets an {@link Objective} within {@link Constraints}, or none.
 *
 * <p>Candidates run cheapest first until the time budget is spent; each is compressed, written to
 * bytes, read back and restored in its runtime mode, so what is measured is what a user would
 * deploy. Pass an earlier {@link Advice} to {@link #advise(Model, Advice)} to keep its measurements
 * instead of measuring them again. Against the JVM's own warm-up (compilation goes on for seconds
 * and would flatter whatever is measured later): the profiler first runs on the uncompressed
 * network until its latency settles, each restored network is evaluated for quality before it is
 * profiled, and the baseline is profiled again after the candidates (progress output says so).
 * Comparisons of latency and energy do not rest on those profiles: each candidate is measured in
 * interleaved rounds with the uncompressed network by a {@link PairedProfiler}, and counts as faster
 * (or cheaper) only when the upper end of the 95 % interval of its ratio beats the required
 * improvement ({@link Measurement#relative}). Not thread-safe (profiling wants the machine to itself).
 */
public final class Advisor {

    private static final int WARM_UP_ROUNDS = 8;

    private final Profiler profiler;
    private final QualityMetric quality;
    private final INDArray[] inputs;
    private final Objective objective;
    private final Constraints constraints;
    private final List<Candidate> candidates;
    private final Duration budget;
    private final double minImprovement;
    private final Consumer<String> progress;
    private final Ticker ticker;
    private final PairedProfiler paired;

    private Advisor(Builder b) {
        this.profiler = Objects.requireNonNull(b.profiler, "profiler");
        this.quality = Objects.requireNonNull(b.quality, "quality");
        if (b.inputs == null || b.inputs.length == 0) {
            throw new IllegalArgumentException("profiling inputs are required");
        }
        this.inputs = b.inputs;
        this.objective = b.objective;
        this.constraints = b.constraints;
        this.candidates = List.copyOf(b.candidates);
        this.budget = b.budget;
        this.minImprovement = b.minImprovement;
        this.progress = b.progress;
        this.ticker = b.ticker;
        this.paired = b.paired;
    }

    /** A builder. @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Measures the baseline and the candidates on a network and recommends one, or none.
     *
     * @param network an initialised FLOAT network; not modified
     * @return the advice
     * @throws IllegalArgumentException if the network is not an initialised MultiLayerNetwork or ComputationGraph
     */
    public Advice advise(Model network) {
        return advise(network, null);
    }

    /**
     * Like {@link #advise(Model)}, reusing the measurements of an earlier advice for the same
     * network and machine (candidates are matched by name).
     *
     * @param network the network
     * @param earlier an earlier advice, or null
     * @return the advice
     * @throws IllegalArgumentException if the network is not an initialised MultiLayerNetwork or ComputationGraph
     */
    public Advice advise(Model network, Advice earlier) {
        NetworkIO.requireInitialised(network);
        long start = ticker.read();
        Map<String, Measurement> done = new LinkedHashMap<>();
        if (earlier != null) {
            earlier.measured().forEach(m -> done.put(m.candidate().name(), m));
        }
        List<Candidate> order = new ArrayList<>();
        order.add(Candidate.baseline());
        candidates.stream().sorted(Comparator.comparingDouble(Candidate::cost)).forEach(order::add);
        List<String> skipped = new ArrayList<>();
        Model baselineNet = null;
        int measuredAfterBaseline = 0;
        for (int i = 0; i < order.size(); i++) {
            Candidate c = order.get(i);
            if (done.containsKey(c.name())) {
                continue;
            }
            if (i > 0 && ticker.read() - start > budget.toNanos()) {
                skipped.add(c.name());
                continue;
            }
            if (i == 0) {
                warmUp(network);
            }
            progress.accept(String.format(Locale.ROOT, "[%d/%d] measuring %s", i + 1, order.size(), c.name()));
            Outcome o = measure(network, c);
            Measurement m = o.measurement();
            if (i == 0) {
                baselineNet = o.restored();
            } else if (baselineNet != null) {
                measuredAfterBaseline++;
                if (m.ok()) {
                    m = compare(m, baselineNet, o.restored());
                }
            }
            done.put(c.name(), m);
        }
        if (baselineNet != null && measuredAfterBaseline > 0) {
            done.put(Candidate.baseline().name(), remeasure(done.get(Candidate.baseline().name()), baselineNet));
        }
        Measurement baseline = done.get(Candidate.baseline().name());
        if (!baseline.ok()) {
            throw new IllegalStateException("the uncompressed network could not be measured: "
                    + baseline.error().orElse(""));
        }
        List<Measurement> all = new ArrayList<>(done.values());
        return Recommender.decide(objective, constraints, minImprovement, baseline, all, skipped);
    }

    /**
     * Runs the profiler on the uncompressed network until its median latency settles (two rounds in a
     * row within 10 %, at most {@value #WARM_UP_ROUNDS} rounds), so that the JVM has compiled the code
     * the networks share before anything is measured.
     */
    private void warmUp(Model network) {
        double last = Double.NaN;
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            double p50;
            try {
                p50 = profile(network).latency().p50Nanos();
            } catch (Exception | LinkageError e) {
                return; // the baseline's own measurement reports the failure
            }
            if (Math.abs(p50 - last) <= 0.1 * last) {
                progress.accept(String.format(Locale.ROOT, "warmed up in %d rounds (p50 %.3f ms)", round, p50 / 1e6));
                return;
            }
            last = p50;
        }
        progress.accept("warm-up: latency still moving after " + WARM_UP_ROUNDS + " rounds");
    }

    /**
     * Profiles the uncompressed network again once the candidates ran, and keeps that profile: the
     * first one ran while the JVM was still compiling the code the networks share (that goes on for
     * seconds), which would flatter every candidate measured after it. The later baseline can only
     * be harder to beat, so the advice errs towards "do not compress".
     */
    private Measurement remeasure(Measurement first, Model baselineNet) {
        if (!first.ok()) {
            return first;
        }
        try {
            progress.accept("re-measuring " + first.candidate().name() + " after the candidates (warm JVM)");
            Profile again = profile(baselineNet);
            return new Measurement(first.candidate(), first.artifactBytes(), first.compressionNanos(),
                    Optional.of(again), first.quality(), Optional.empty());
        } catch (Exception | LinkageError e) {
            progress.accept("  re-measuring " + first.candidate().name() + " failed, keeping the first profile: " + e);
            return first;
        }
    }

    /**
     * Adds the candidate's paired comparison with the uncompressed network (interleaved rounds, same
     * JVM) to its measurement; on failure keeps the measurement without one, saying so.
     */
    private Measurement compare(Measurement m, Model baselineNet, Model restored) {
        try {
            PairedProfile p = paired.compare(BASELINE_ARM, PairedProfiler.inference(baselineNet, inputs),
                    CANDIDATE_ARM, PairedProfiler.inference(restored, inputs));
            PairedComparison latency = p.latencyRatio(CANDIDATE_ARM, BASELINE_ARM);
            progress.accept(String.format(Locale.ROOT, "  %s against %s, paired: latency %s %s", m.candidate().name(),
                    Candidate.baseline().name(), latency.format(), latency.verdict().latencyWord()));
            return m.withComparisons(latency, p.energyRatio(CANDIDATE_ARM, BASELINE_ARM));
        } catch (Exception | LinkageError e) {
            progress.accept("  paired comparison of " + m.candidate().name() + " failed, kept unpaired: " + e);
            return m;
        }
    }

    private static final String BASELINE_ARM = "baseline";
    private static final String CANDIDATE_ARM = "candidate";

    /** A measurement and the restored network it was taken on (null if it failed before restoring). */
    private record Outcome(Measurement measurement, Model restored) {
    }

    private Outcome measure(Model network, Candidate c) {
        Model restored = null;
        try {
            CompressionResult r = c.compressor().compress(network);
            byte[] bytes = r.artifact().toBytes(OuterCompression.ZSTD);
            restored = CompressedModel.fromBytes(bytes, ReadLimits.DEFAULT).restore(c.mode());
            // quality first: evaluating runs the network many times, which warms the JIT and ND4J for
            // this network just as for every other, so no measurement pays the JVM's warm-up alone
            double q = quality.evaluate(restored);
            Profile p = profile(restored);
            return new Outcome(new Measurement(c, bytes.length, r.report().compressionNanos(), Optional.of(p), q,
                    Optional.empty()), restored);
        } catch (Exception | LinkageError e) {
            progress.accept("  " + c.name() + " failed: " + e);
            return new Outcome(Measurement.failed(c, e.toString()), restored);
        }
    }

    private Profile profile(Model net) throws Exception {
        if (net instanceof MultiLayerNetwork mln) {
            return profiler.profile(mln, inputs[0]);
        }
        if (net instanceof ComputationGraph cg) {
            return profiler.profile(cg, inputs);
        }
        throw new IllegalArgumentException("cannot profile a " + net.getClass().getName());
    }

    /** Builds an {@link Advisor}; setters check their arguments. */
    public static final class Builder {
        private Profiler profiler;
        private QualityMetric quality;
        private INDArray[] inputs;
        private Objective objective = Objective.size();
        private Constraints constraints = Constraints.none();
        private final List<Candidate> candidates = new ArrayList<>();
        private Duration budget = Duration.ofMinutes(30);
        private double minImprovement = 0.05;
        private Consumer<String> progress = s -> { };
        private Ticker ticker = Ticker.systemTicker();
        private PairedProfiler paired = PairedProfiler.builder().build();

        private Builder() {
        }

        /**
         * How candidates are compared with the uncompressed network (default: {@link PairedProfiler}'s
         * defaults, no energy meter; attach one to it for energy objectives decided on intervals).
         *
         * @param p the paired profiler
         * @return this
         */
        public Builder pairedProfiler(PairedProfiler p) {
            this.paired = Objects.requireNonNull(p, "pairedProfiler");
            return this;
        }

        /** The profiler (attach an energy meter to it for energy objectives). @param p profiler @return this */
        public Builder profiler(Profiler p) {
            this.profiler = Objects.requireNonNull(p, "profiler");
            return this;
        }

        /** How quality is judged. @param q the metric @return this */
        public Builder quality(QualityMetric q) {
            this.quality = Objects.requireNonNull(q, "quality");
            return this;
        }

        /** Inputs for profiling (one per network input). @param in inputs @return this */
        public Builder inputs(INDArray... in) {
            if (in.length == 0) {
                throw new IllegalArgumentException("at least one input is required");
            }
            this.inputs = in.clone();
            return this;
        }

        /** What to minimise (default: size). @param o the objective @return this */
        public Builder objective(Objective o) {
            this.objective = Objects.requireNonNull(o, "objective");
            return this;
        }

        /** Limits a recommendation must meet (default: none). @param c constraints @return this */
        public Builder constraints(Constraints c) {
            this.constraints = Objects.requireNonNull(c, "constraints");
            return this;
        }

        /**
         * Adds candidates; names must be unique and differ from the baseline's ({@code "fp32"}).
         *
         * @param cs the candidates
         * @return this
         */
        public Builder candidates(List<Candidate> cs) {
            for (Candidate c : cs) {
                if (c.name().equals(Candidate.baseline().name())
                        || candidates.stream().anyMatch(x -> x.name().equals(c.name()))) {
                    throw new IllegalArgumentException("duplicate candidate name '" + c.name() + "'");
                }
                candidates.add(c);
            }
            return this;
        }

        /** Stop starting new candidates after this long (default 30 minutes). @param d budget @return this */
        public Builder timeBudget(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("time budget must be positive, got " + d);
            }
            this.budget = d;
            return this;
        }

        /**
         * How much better than the uncompressed network a candidate must score to be recommended
         * (default 0.05: 5 %), so that measurement noise never passes for an improvement.
         *
         * @param fraction in [0, 1)
         * @return this
         */
        public Builder minImprovement(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("minImprovement must be in [0, 1), got " + fraction);
            }
            this.minImprovement = fraction;
            return this;
        }

        /** Where progress lines go (default: nowhere). @param p consumer @return this */
        public Builder progress(Consumer<String> p) {
            this.progress = Objects.requireNonNull(p, "progress");
            return this;
        }

        /**
         * The clock of the time budget: monotonic time in nanoseconds (a seam for tests; default
         * {@link Ticker#systemTicker()}).
         *
         * @param ticker the clock
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the advisor.
         *
         * @return the advisor
         * @throws NullPointerException if the profiler or quality metric is missing
         * @throws IllegalArgumentException if no inputs were given
         */
        public Advisor build() {
            return new Advisor(this);
        }
    }
}
