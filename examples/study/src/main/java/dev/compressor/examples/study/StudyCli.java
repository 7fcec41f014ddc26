package dev.compressor.examples.study;

import dev.compressor.examples.advise.AdviseCommand;
import dev.compressor.api.training.FineTuningBudget;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.smalltier.image.SmallNetwork;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The study's command line: {@code run} measures cells into a resumable JSONL file, {@code report}
 * writes Markdown and CSV from it, {@code merge} joins shard files, {@code list} shows the networks
 * and settings, {@code advise} ({@link AdviseCommand}) says whether and how to compress one saved
 * model, measured on this machine. Run {@code study --help} or {@code study run --help} for the options.
 *
 * <p>From the repository root: {@code mvn -B -q -pl examples exec:java -Dexec.args="run"} (the quick
 * run; the full sweep asks for {@code run --full}).
 */
@Command(name = "study", mixinStandardHelpOptions = true, version = "study 0.1",
        description = {"To compress or not: the 11 study networks under quantization and pruning settings, "
            + "measured for artifact size, load time, resident memory, batch-1 latency, energy per inference "
            + "and output fidelity against fp32 (see STUDY.md).", "",
            "Without a command, and as `run` without --full, it does the quick run: MobileNet-v1 and Inception-v1 x fp32, "
            + "fp16, int8_channel, int8_channel_resident, prune50, written to study-out/ with report.md and "
            + "cells.csv.", "",
            "Typical use:  study list;  study run;  study run --full --out study-full;  study report --out study-out", "",
            "To compress or not one saved model, measured here:  study advise --model net.zip (see advise --help)"},
        subcommands = {StudyCli.Run.class, StudyCli.Report.class, StudyCli.Merge.class, StudyCli.ListCommand.class,
            AdviseCommand.class, CommandLine.HelpCommand.class})
public final class StudyCli implements Callable<Integer> {

    /** Name of the result file of an unsharded run inside the output folder. */
    public static final String RESULTS = "results.jsonl";

    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int status = execute(args);
        System.exit(status);
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args the arguments
     * @return the exit status (0 success, 1 failure, 2 bad usage)
     */
    public static int execute(String... args) {
        return new CommandLine(new StudyCli())
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    if (e instanceof IllegalArgumentException) {
                        cl.getErr().println("error: " + e.getMessage());
                        cl.getErr().println("see: " + cl.getCommandSpec().qualifiedName() + " --help");
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }

    /** With no command: the quick run. */
    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println("No command given: doing the quick run (`study run`); "
                + "`study --help` lists the commands.");
        spec.commandLine().getOut().flush();
        // parsed like a typed `study run`, so every option default applies
        return spec.commandLine().getSubcommands().get("run").execute();
    }

    /** The result file a run with this shard writes inside {@code out}. */
    static Path resultFile(Path out, Shard shard) {
        return shard.count() == 1 ? out.resolve(RESULTS)
                : out.resolve("results-shard-" + shard.index() + "-of-" + shard.count() + ".jsonl");
    }

    /** {@code study run}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Measure the plan's cells, one child JVM per network, appending one JSON line per cell "
                + "to OUT/results.jsonl (OUT/results-shard-I-of-N.jsonl with --shard). Each line is fsynced; cells "
                + "already in the file are skipped, so rerunning a killed run resumes it without losing or "
                + "doubling a cell. A failing cell is recorded with its error and the run goes on. Writes "
                + "OUT/report.md and OUT/cells.csv at the end. Without --full the full-size tier does the quick "
                + "run (minutes); --full runs the whole sweep under the full protocol (hours to days).", "",
                "Examples:",
                "  study run                              (the quick run)",
                "  study run --full --out study-full      (the full sweep; rerun the same command to resume)",
                "  study run --full --networks resnet50,vgg16 --settings fp32,int8_channel",
                "  study run --full --data photos/ --out study-photos   (fidelity on your own images)",
                "  study run --tier small                 (accuracy of the trained small networks)",
                "  study run --tier small --networks vgg8 --settings fp32,int8_channel --test-examples 500",
                "  study run --tier small --networks nmt --test-examples 500   (BLEU of the translation model)",
                "  study run --full --shard 0/4 --out r    (one of four machines)",
                "  study run --full --shard auto --shards 8 --out r   (a Kubernetes Indexed Job's pod)",
                "  study run --full --shard auto --out r   (a Slurm job array's task)",
                "  study merge r/results-shard-*.jsonl --into r/results.jsonl"})
    static final class Run implements Callable<Integer> {

        @Option(names = "--networks", split = ",", paramLabel = "ID",
                description = "Networks to measure (default: the 11 study networks; with --tier small every "
                        + "small network that has trained weights, and the translation model nmt; see `list`).")
        List<String> networks = new ArrayList<>();

        @Option(names = "--tier", paramLabel = "TIER", defaultValue = "full",
                description = "full (seeded full-size networks: size, latency, energy, fidelity), small (trained "
                        + "small networks: top-1/top-5 accuracy on the Fashion-MNIST test split; the translation "
                        + "model nmt: BLEU on German gettext catalogs) or all (default: ${DEFAULT-VALUE}).")
        String tier = "full"; // also the value when the quick run builds this command without picocli

        @Option(names = "--test-examples", paramLabel = "N", defaultValue = "0",
                description = "Small tier: evaluate each cell on the first N test images (default: all 10,000), "
                        + "or for nmt on the first N test pairs (default: all, 4,096 from the Debian catalogs).")
        int testExamples;

        @Option(names = "--fine-tune-epochs", paramLabel = "N", defaultValue = "3",
                description = "Small tier, fine-tuned (_ft) settings: the most epochs over the training split per "
                        + "cell, 0 for no epoch limit (default: ${DEFAULT-VALUE}).")
        int fineTuneEpochs = 3;

        @Option(names = "--fine-tune-seconds", paramLabel = "S", defaultValue = "240",
                description = "Small tier, fine-tuned (_ft) settings: the most wall time per cell's fine-tuning, "
                        + "in seconds, 0 for no time limit (default: ${DEFAULT-VALUE}); whichever limit comes first "
                        + "ends it.")
        long fineTuneSeconds = 240;

        @Option(names = "--catalogs", paramLabel = "DIR", defaultValue = "/usr/share/locale/de/LC_MESSAGES",
                description = "Small tier, nmt: directory of German gettext catalogs (*.mo) for the test pairs "
                        + "(default: ${DEFAULT-VALUE}); without any, nmt is skipped.")
        Path catalogs = NmtSubject.DEFAULT_CATALOGS;

        @Option(names = "--weights-dir", paramLabel = "DIR",
                description = "Small tier: trained weights (<id>.dlc, <id>.json; nmt also its vocabularies) from "
                        + "DIR instead of the committed ones.")
        Path weightsDir;

        @Option(names = "--settings", split = ",", paramLabel = "ID",
                description = "Settings to apply (default: all; see `list`).")
        List<String> settings = new ArrayList<>();

        @Option(names = "--full", description = "The full sweep: every study network x every setting under the "
                + "full protocol (up to 30 paired rounds within 20 s a cell, fidelity on 256 images, batch 8; "
                + "hours to days on two cores). Without it the full-size tier does the quick run.")
        boolean full;

        @Option(names = "--quick", description = "The quick run (the default without --full; kept for scripts): "
                + "mobilenet_v1 and inception_v1 x fp32, fp16, int8_channel, int8_channel_resident, prune50 and "
                + "controls, 30 paired rounds, fidelity on 8 images, 4 GiB child heap (explicit options override).")
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "study-out",
                description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--shard", paramLabel = "I/N|auto", defaultValue = "0/1",
                description = "Run only cells whose plan index %% N == I (zero-based; default ${DEFAULT-VALUE}); "
                        + "auto: I and N from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with --shards N) or "
                        + "a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT). Merge the shard files "
                        + "with `merge`.")
        String shardText = "0/1";

        @Option(names = "--shards", paramLabel = "N", description = "With --shard auto: how many shards (a "
                + "Kubernetes Indexed Job's completions; checked against Slurm's count).")
        Integer shards;

        /** Where --shard auto reads the launcher's variables; a seam for tests. */
        java.util.Map<String, String> environment = System.getenv();

        @Option(names = "--seed", description = "Seed of weights and inputs (default 42).")
        Long seed;

        @Option(names = "--warmup", description = "Most warm-up rounds per cell, ending once latency settles "
                + "(default 10).")
        Integer warmup;

        @Option(names = "--iterations", description = "Paired rounds per cell (each runs the setting and fp32 "
                + "once, in alternating order; at the larger batch, inferences): at most N within the time budget "
                + "(default 30; quick: exactly 30).")
        Integer iterations;

        @Option(names = "--time-budget", paramLabel = "SECONDS", description = "Stop measuring a cell after "
                + "this many seconds, once it has 10 rounds (default 20; quick and 0: exactly --iterations).")
        Double timeBudget;

        @Option(names = "--fidelity-images", paramLabel = "N", description = "Real inputs the fidelity of every "
                + "setting is measured on (default 256; quick 8).")
        Integer fidelityImages;

        @Option(names = "--data", paramLabel = "DIR", description = "Full-size tier: measure fidelity on your own "
                + "images, a folder of PNG/JPEG files (a folder per class or not; labels are not used), decoded as RGB, "
                + "resized to each network's input and scaled to [0, 1]; it needs at least --fidelity-images images "
                + "(default: the committed Fashion-MNIST test images). The latency input and the data-dependent "
                + "initialisation stay the committed images. Use a new --out: a result file measured on other "
                + "images is refused.")
        Path data;

        @Option(names = "--batch", paramLabel = "N",
                description = "Also profile at batch N (0 = batch 1 only; default 8; quick 0).")
        Integer batch;

        @Option(names = "--retry-failed", description = "Measure again the cells recorded as failed (e.g. after "
                + "raising the heap); a success is appended and supersedes the failure.")
        boolean retryFailed;

        @Option(names = "--xz", description = "Also write each artifact with xz (slow on the large networks).")
        boolean xz;

        @Option(names = "--jvm-arg", paramLabel = "ARG",
                description = "Option of each child JVM, repeatable (default -Xmx12g --add-modules=jdk.incubator.vector;"
                        + " quick -Xmx4g and the same module); giving one replaces the defaults.")
        List<String> jvmArgs = new ArrayList<>();

        @Option(names = "--no-report", description = "Do not write report.md and cells.csv after the run.")
        boolean noReport;

        @Option(names = "--backend", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
                description = "ND4J backend of the child JVMs, chosen by compressor-jetson from this machine: auto "
                        + "(CUDA on a Jetson or CUDA machine with an ND4J CUDA backend on the class path, else the "
                        + "CPU), cpu, or cuda (an error naming what is missing if it cannot run; default "
                        + "${DEFAULT-VALUE}).")
        String backend = "auto";

        @Override
        public Integer call() throws Exception {
            if (!List.of("full", "small", "all").contains(tier)) {
                throw new IllegalArgumentException("--tier must be full, small or all, got '" + tier + "'");
            }
            if (testExamples < 0) {
                throw new IllegalArgumentException("--test-examples must be >= 0 (0 = all), got " + testExamples);
            }
            if (this.full && quick) {
                throw new IllegalArgumentException("--full and --quick exclude each other; give one");
            }
            Shard shard = shard();
            boolean full = !tier.equals("small");
            boolean small = !tier.equals("full");
            boolean quickRun = !this.full;
            SweepPlan base = quickRun ? SweepPlan.quick() : SweepPlan.full();
            List<SweepNetwork> nets = new ArrayList<>();
            List<String> smallNets = new ArrayList<>();
            for (String n : networks) {
                boolean known = false;
                if (full && SweepNetwork.all().stream().anyMatch(x -> x.id().equals(n))) {
                    nets.add(SweepNetwork.byId(n));
                    known = true;
                }
                if (small && SmallTierPlan.allSubjects().contains(n)) {
                    smallNets.add(n);
                    known = true;
                }
                if (!known) {
                    throw new IllegalArgumentException("no " + (full && small ? "" : tier + "-tier ")
                            + "network with id '" + n + "'; see `study list`");
                }
            }
            List<Setting> sets = new ArrayList<>();
            settings.forEach(s -> sets.add(Setting.byId(s)));
            SweepOptions d = quickRun ? SweepOptions.QUICK : SweepOptions.FULL;
            long seedValue = seed == null ? d.seed() : seed;
            int fidelityCount = fidelityImages == null ? d.fidelityImages() : fidelityImages;
            List<String> childJvm = new ArrayList<>(jvmArgs.isEmpty() ? d.childJvmArgs() : jvmArgs);
            String images = FidelityDataMark.COMMITTED;
            if (data != null) {
                if (!full) {
                    throw new IllegalArgumentException("--data sets the full-size tier's fidelity images; the small "
                            + "tier measures accuracy on the Fashion-MNIST test split");
                }
                FidelityImageFolder folder = FidelityImageFolder.scan(data);
                folder.check(seedValue, fidelityCount);
                images = data.toAbsolutePath().normalize().toString();
                childJvm.add("-D" + FidelityImageFolder.PROPERTY + "=" + images);
                System.out.printf(Locale.ROOT, "fidelity images: %d of %s%n", fidelityCount, folder.layout());
            }
            SweepOptions options = new SweepOptions(seedValue,
                    warmup == null ? d.warmupIterations() : warmup,
                    iterations == null ? d.measuredIterations() : iterations,
                    timeBudget == null ? d.timeBudget() : budget(timeBudget),
                    batch == null ? d.largeBatch() : batch, xz, retryFailed, childJvm, fidelityCount);
            Path file = resultFile(out, shard);
            Files.createDirectories(out);
            if (full) {
                FidelityDataMark.check(out, file, images);
            }
            dev.compressor.jetson.backend.BackendPlan backendPlan = ChildBackend.plan(backend);
            System.out.println("backend: " + backendPlan.backend() + " (--backend " + backend + ")"
                    + (backendPlan.fellBack() ? "; CUDA not used: " + firstClause(backendPlan.reasons().get(0)) : ""));
            SweepRunner runner = new SweepRunner(options, backendPlan);
            if (full && (networks.isEmpty() || !nets.isEmpty())) {
                SweepPlan plan = new SweepPlan(nets.isEmpty() ? base.networks() : nets,
                        sets.isEmpty() ? base.settings() : sets, base.tier());
                System.out.printf(Locale.ROOT, "plan: %d networks x %d settings, shard %s: %d cells -> %s%n",
                        plan.networks().size(), plan.settings().size(), shard, plan.cells(shard).size(), file);
                SweepRunner.Summary s = runner.run(plan, shard, file);
                System.out.printf(Locale.ROOT, "done: %d cells selected, %d were already present, %d ok, %d failed%n",
                        s.selected(), s.alreadyPresent(), s.ok(), s.failed());
            }
            if (small && (networks.isEmpty() || !smallNets.isEmpty())) {
                SmallTierPlan plan = new SmallTierPlan(smallNets.isEmpty() ? SmallTierPlan.allSubjects() : smallNets,
                        sets.isEmpty() ? (quick ? base.settings() : SweepPlan.full().settings()) : sets, testExamples,
                        weightsDir, catalogs, new FineTuningBudget(fineTuneEpochs,
                                fineTuneSeconds == 0 ? null : Duration.ofSeconds(fineTuneSeconds)));
                System.out.printf(Locale.ROOT, "small tier: %d networks with trained weights (%s) x %d settings, %s "
                        + "test images or pairs, shard %s: %d cells -> %s%n", plan.measured().size(),
                        String.join(", ", plan.measured()), plan.settings().size(),
                        testExamples == 0 ? "all" : Integer.toString(testExamples), shard, plan.cells(shard).size(), file);
                plan.skipped().forEach((id, why) -> System.out.println("small tier: skipped " + id + ": " + why));
                SweepRunner.Summary s = runner.runSmall(plan, shard, file);
                System.out.printf(Locale.ROOT, "done (small tier): %d cells selected, %d were already present, %d ok, "
                        + "%d failed%n", s.selected(), s.alreadyPresent(), s.ok(), s.failed());
            }
            if (!noReport) {
                System.out.println("report: " + StudyReport.write(ResultStore.read(file), out));
            }
            return 0;
        }

        /** A reason's first clause, e.g. "No ND4J CUDA backend is on the classpath". */
        private static String firstClause(String reason) {
            int end = reason.length();
            for (String stop : new String[] {": ", ". ", " ("}) {
                int i = reason.indexOf(stop);
                if (i > 0) {
                    end = Math.min(end, i);
                }
            }
            return reason.substring(0, end);
        }

        /** The shard of --shard (I/N or auto) and --shards. */
        Shard shard() {
            if (shardText.trim().equals("auto")) {
                return ShardFromLauncher.find(environment, shards);
            }
            if (shards != null) {
                throw new IllegalArgumentException("--shards goes with --shard auto only; with --shard I/N the "
                        + "count is N");
            }
            return Shard.parse(shardText);
        }
    }

    /** The time budget of {@code --time-budget}: null (an exact count) for 0. */
    static Duration budget(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("--time-budget must be 0 (off) or a positive number of seconds, got "
                    + seconds);
        }
        return seconds == 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** {@code study report}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write report.md and cells.csv into the output folder from result files (merged, one "
                    + "record per cell, a successful record winning over a failed one).")
    static final class Report implements Callable<Integer> {

        @Option(names = "--in", paramLabel = "FILE", description = "Result files (default: OUT/results.jsonl).")
        List<Path> in = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "study-out",
                description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<Path> files = in.isEmpty() ? List.of(out.resolve(RESULTS)) : in;
            List<CellRecord> all = new ArrayList<>();
            for (Path f : files) {
                if (!Files.exists(f)) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "no result file " + f);
                }
            }
            Path tmp = Files.createTempFile("study-merge", ".jsonl");
            try {
                Files.delete(tmp);
                ResultStore.merge(files, tmp);
                all.addAll(ResultStore.read(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
            Path md = StudyReport.write(all, out);
            System.out.println(all.size() + " cells -> " + md + " and " + out.resolve(StudyReport.CSV));
            return 0;
        }
    }

    /** {@code study merge}. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merge shard result files into one, keeping one record per cell (success wins over failure).")
    static final class Merge implements Callable<Integer> {

        @CommandLine.Parameters(paramLabel = "SHARD", arity = "1..*", description = "Shard result files.")
        List<Path> inputs;

        @Option(names = "--into", paramLabel = "FILE", required = true, description = "The merged file.")
        Path into;

        @Override
        public Integer call() throws Exception {
            System.out.println(ResultStore.merge(inputs, into) + " cells in " + into);
            return 0;
        }
    }

    /** {@code study list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the networks and settings.")
    static final class ListCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter w = spec.commandLine().getOut();
            w.println("Networks (id, parameters, name):");
            for (SweepNetwork n : SweepNetwork.all()) {
                w.printf(Locale.ROOT, "  %-14s %12s  %s%n", n.id(),
                        n.isStudyNetwork() ? String.format(Locale.ROOT, "%,d", 
                                dev.compressor.examples.networks.StudyNetwork.byId(n.id()).parameterCount()) : "tiny",
                        n.displayName());
            }
            w.println();
            w.println("Small-tier networks (--tier small; id, full-size family, trained weights):");
            for (SmallNetwork n : SmallNetwork.values()) {
                w.printf(Locale.ROOT, "  %-14s %-14s %s%n", n.id(), n.fullSizeId(),
                        WeightsProvenance.available(n.id(), null) ? "committed" : "none (skipped)");
            }
            String nmt = NmtSubject.skipReason(null, NmtSubject.DEFAULT_CATALOGS)
                    .map(why -> "skipped: " + why)
                    .orElse("committed; BLEU on " + NmtSubject.catalogs(NmtSubject.DEFAULT_CATALOGS).size()
                            + " catalogs in " + NmtSubject.DEFAULT_CATALOGS);
            w.printf(Locale.ROOT, "  %-14s %-14s %s%n", NmtSubject.ID, NmtSubject.FAMILY, nmt);
            w.println();
            w.println("Settings (id, family, description):");
            for (Setting s : Setting.values()) {
                w.printf(Locale.ROOT, "  %-22s %-13s %s%s%n", s.id(), s.family(), s.description(),
                        s.smallTierOnly() ? " [small tier only]" : "");
            }
            w.flush();
            return 0;
        }
    }

}
