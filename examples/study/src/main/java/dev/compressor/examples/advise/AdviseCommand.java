package dev.compressor.examples.advise;

import dev.compressor.api.advisor.Advice;
import dev.compressor.api.advisor.Advisor;
import dev.compressor.api.advisor.Candidate;
import dev.compressor.api.advisor.Constraints;
import dev.compressor.api.advisor.Metric;
import dev.compressor.api.advisor.Objective;
import dev.compressor.api.advisor.QualityMetric;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyMeters;
import dev.compressor.api.energy.MeterChoice;
import dev.compressor.api.profile.Profiler;
import dev.compressor.examples.smalltier.data.EvaluationData;
import dev.compressor.examples.fidelity.Fidelity;
import dev.compressor.prune.SensitivityMetric;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code study advise}: to compress, or not to compress, a saved classifier, measured on this
 * machine. Loads the model and the evaluation data ({@link DataOptions}: a folder of images, a CSV
 * file, IDX files, or the committed Fashion-MNIST test split), checks that they fit each other,
 * measures the chosen grid settings (and, with {@code --mixes}, per-layer mixes from sensitivity
 * analysis) with the {@link Advisor}, and prints the measured Pareto front and the choice with its
 * reasons as Markdown; {@code --csv} and {@code --json} write the measurements too. Quality is top-1
 * accuracy on labelled data and fidelity to fp32 ({@link FidelityToFp32}) on unlabelled data.
 *
 * <p>Exit status: 0 when advice was given (including "do not compress"), 2 for bad input (a
 * missing or unreadable file, an unknown setting, a bad value), 1 if measuring failed.
 */
@Command(name = "advise", mixinStandardHelpOptions = true, sortOptions = false, version = "study advise 0.1",
        description = {"To compress, or not to compress: measure compression settings of a saved "
            + "classifier on this machine (artifact size, batch-1 latency, energy if metered, top-1 accuracy on "
            + "the evaluation data, or fidelity to fp32 on unlabelled data) and recommend the one that best meets "
            + "the objective within the constraints, or answer \"do not compress\" and say why.", "",
            "Examples:",
            "  study advise --model net.zip",
            "  study advise --model vgg8.dlc --objective latency --max-drop 1",
            "  study advise --model pets.zip --data pets/ --input 3x224x224 \\",
            "      --mean 0.485,0.456,0.406 --std 0.229,0.224,0.225",
            "  study advise --model mlp.zip --data table.csv --label-column 0",
            "  study advise --model net.zip --data DIR --examples 5000 --mixes quant \\",
            "      --objective size=0.7,latency=0.3 --max-bytes 40k --csv front.csv"})
public final class AdviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The saved model: a DL4J ModelSerializer zip (MultiLayerNetwork or ComputationGraph) or a "
                    + "compressor artifact (.dlc, restored to fp32): a classifier with one input, images as "
                    + "[n, C, H, W] or flattened [n, C*H*W], or table rows as [n, F], and one output per class. "
                    + "Its input and classes are checked against the data before anything is measured.")
    Path model;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--objective", paramLabel = "WHAT", defaultValue = "size",
            converter = AdviseConverters.ObjectiveConverter.class,
            description = "What to minimise: size, latency, energy, or a weighted mix such as "
                    + "size=0.7,latency=0.3 (each relative to fp32; default: ${DEFAULT-VALUE}). Energy needs a meter "
                    + "(RAPL, tegrastats, INA3221, or the CPU-time estimate).")
    Objective objective;

    @Option(names = "--max-drop", paramLabel = "POINTS", defaultValue = "0.5",
            description = "Largest allowed top-1 drop below fp32 (top-1 agreement on unlabelled data), in percentage "
                    + "points (default: ${DEFAULT-VALUE}).")
    double maxDropPoints;

    @Option(names = "--max-latency-ms", paramLabel = "MS", description = "Latency budget: median batch-1 ms.")
    Double maxLatencyMs;

    @Option(names = "--max-bytes", paramLabel = "SIZE", converter = AdviseConverters.BytesConverter.class,
            description = "Size budget of the artifact on disk, e.g. 40000, 40k, 2M.")
    Long maxBytes;

    @Option(names = "--max-joules", paramLabel = "J", description = "Energy budget per inference, in joules.")
    Double maxJoules;

    @Option(names = "--candidates", split = ",", paramLabel = "ID",
            description = "Grid settings to try, by id (see `study list`), or 'all'. Default: fp16, bf16, "
                    + "int8_tensor, int8_channel, int6, int4, kmeans5, prune50, int8_channel_resident.")
    List<String> candidates = new ArrayList<>(GridCandidates.DEFAULT);

    @Option(names = "--mixes", split = ",", paramLabel = "KIND",
            description = "Also try per-layer mixes from sensitivity analysis on the evaluation images: quant "
                    + "(8 bits for sensitive layers, 4/3/2 for robust ones), prune (per-layer sparsities at 50 "
                    + "and 75 %% overall), or none (default). Sensitivity costs layers x 3 (quant) or x 4 (prune) "
                    + "evaluations, before the time budget starts.")
    List<String> mixes = new ArrayList<>();

    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "30m",
            converter = AdviseConverters.DurationConverter.class,
            description = "Start no new candidate after this long, e.g. 90s, 10m (default: ${DEFAULT-VALUE}). "
                    + "Candidates run cheapest first.")
    Duration timeBudget;

    @Option(names = "--min-improvement", paramLabel = "PERCENT", defaultValue = "5",
            description = "How much better than fp32 a candidate must score to be chosen, so that noise never "
                    + "passes for a gain (default: ${DEFAULT-VALUE}).")
    double minImprovementPercent;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "Warm-up inferences per candidate (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "30",
            description = "Measured inferences per candidate (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write every measurement as CSV.")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the advice as JSON.")
    Path json;

    @Option(names = "--quiet", description = "No progress lines on standard error.")
    boolean quiet;

    /** Creates the command (picocli sets the options). */
    public AdviseCommand() {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Setup s;
        try {
            s = setUp(err);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was measured; see: study advise --help");
            err.flush();
            return 2;
        }
        out.printf(Locale.ROOT, "model: %s%ndata: %s; %d examples; fp32 input %s%nquality: %s%nobjective: %s; "
                + "constraints: %s%n%n", model, s.data.source(), s.data.size(), s.inputShape, s.quality.describe(),
                objective, AdviceReport.describe(s.constraints, s.quality));
        List<Candidate> grid = new ArrayList<>(s.grid);
        List<LayerMix> generated = generateMixes(s, err);
        generated.forEach(m -> grid.add(m.candidate()));
        List<Candidate> all = grid;
        if (!generated.isEmpty()) {
            out.println("Per-layer mixes (from sensitivity on the evaluation data):");
            generated.forEach(m -> out.println("- " + m.describe()));
            out.println();
        }
        if (s.fidelity != null) {
            all = NotifyingCandidates.of(all, s.fidelity::startCandidate);
            s.fidelity.startCandidate(Candidate.baseline().name());
        }
        Advice advice = Advisor.builder().quality(s.metric).inputs(s.input).profiler(s.profiler)
                .objective(objective).constraints(s.constraints).candidates(all).timeBudget(timeBudget)
                .minImprovement(minImprovementPercent / 100).progress(line -> progress(err, line)).build()
                .advise(s.network);
        Map<String, Fidelity> fidelity = s.fidelity == null ? null : s.fidelity.byCandidate();
        out.print(AdviceReport.markdown(advice, s.quality));
        if (fidelity != null) {
            out.print(AdviceReport.fidelityTable(advice, fidelity));
        }
        if (csv != null) {
            Files.writeString(csv, AdviceReport.csv(advice, fidelity));
            out.println("\nCSV: " + csv);
        }
        if (json != null) {
            Files.writeString(json, AdviceReport.json(advice, s.quality, fidelity));
            out.println((csv == null ? "\n" : "") + "JSON: " + json);
        }
        out.flush();
        return 0;
    }

    private record Setup(Model network, EvaluationData data, QualityMetric metric, SensitivityMetric sensitivity,
            FidelityToFp32 fidelity, INDArray input, String inputShape, AdviceReport.Quality quality,
            Constraints constraints, List<Candidate> grid, Profiler profiler) {
    }

    private Setup setUp(PrintWriter err) throws IOException {
        for (String m : mixes) {
            if (!List.of("quant", "prune", "none").contains(m.trim().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("unknown --mixes kind '" + m + "': use quant, prune or none");
            }
        }
        if (!(maxDropPoints >= 0 && maxDropPoints <= 100)) {
            throw new IllegalArgumentException("--max-drop must be in [0, 100] points, got " + maxDropPoints);
        }
        if (!(minImprovementPercent >= 0 && minImprovementPercent < 100)) {
            throw new IllegalArgumentException("--min-improvement must be in [0, 100) percent, got "
                    + minImprovementPercent);
        }
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("--warmup must be >= 0 and --iterations >= 1, got " + warmup + " and "
                    + iterations);
        }
        List<Candidate> grid = GridCandidates.parse(candidates);
        Constraints c = Constraints.none().withMaxQualityDrop(maxDropPoints / 100);
        if (maxLatencyMs != null) {
            c = c.withMaxLatency(Duration.ofNanos(Math.round(maxLatencyMs * 1e6)));
        }
        if (maxBytes != null) {
            c = c.withMaxBytes(maxBytes);
        }
        if (maxJoules != null) {
            c = c.withMaxJoulesPerInference(maxJoules);
        }
        Profiler.Builder pb = Profiler.builder().warmupIterations(warmup).measuredIterations(iterations);
        if (objective.weights().getOrDefault(Metric.ENERGY, 0.0) > 0 || maxJoules != null) {
            try {
                MeterChoice meter = EnergyMeters.best();
                progress(err, "energy meter: " + meter.provider() + " (" + meter.reason() + ")");
                pb.energyMeter(meter.meter());
            } catch (EnergyMeterException e) {
                throw new IllegalArgumentException("the objective or a budget needs energy, but no energy meter "
                        + "works here: " + e.getMessage(), e);
            }
        }
        Model network = ModelFiles.load(model);
        EvaluationData data = dataOptions.load();
        if (data.labelled()) {
            Top1Accuracy top1 = Top1Accuracy.forNetwork(network, data);
            return new Setup(network, data, top1, top1, null, top1.input(1), top1.inputShape(),
                    AdviceReport.Quality.TOP1, c, grid, pb.build());
        }
        progress(err, "unlabelled data: computing the fp32 network's outputs on " + data.size() + " examples");
        FidelityToFp32 f = FidelityToFp32.of(network, data);
        return new Setup(network, data, f, f, f, f.input(1), f.inputShape(), AdviceReport.Quality.FIDELITY, c, grid,
                pb.build());
    }

    private List<LayerMix> generateMixes(Setup s, PrintWriter err) {
        List<LayerMix> out = new ArrayList<>();
        boolean quant = mixes.stream().anyMatch(m -> m.trim().equalsIgnoreCase("quant"));
        boolean prune = mixes.stream().anyMatch(m -> m.trim().equalsIgnoreCase("prune"));
        if (!quant && !prune) {
            return out;
        }
        double maxLoss = maxDropPoints > 0 ? maxDropPoints / 100 : 0.005;
        if (s.fidelity != null) {
            s.fidelity.startCandidate("sensitivity analysis");
        }
        LayerMixes gen = LayerMixes.of(s.sensitivity, maxLoss).progress(line -> progress(err, line));
        if (quant) {
            progress(err, "measuring per-layer quantization sensitivity");
            QuantSensitivity qs = gen.quantSensitivity(s.network);
            progress(err, qs.toTable().stripTrailing());
            out.addAll(gen.quantizationMixes(qs));
        }
        if (prune) {
            progress(err, "measuring per-layer pruning sensitivity");
            out.addAll(gen.pruningMixes(s.network));
        }
        return out;
    }

    private void progress(PrintWriter err, String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }
}
