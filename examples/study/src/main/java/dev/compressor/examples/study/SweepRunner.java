package dev.compressor.examples.study;

import com.google.common.base.Ticker;
import dev.compressor.examples.settings.Setting;
import dev.compressor.jetson.backend.Backend;
import dev.compressor.jetson.backend.BackendPlan;
import dev.compressor.jetson.backend.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan (or one shard of it) into a {@link ResultStore} file, one child JVM per network (same
 * {@code java} and class path as this JVM), so that a crash or out-of-memory in one network cannot
 * take down the sweep and each network starts from a clean heap. Cells already in the file are
 * skipped (with {@link SweepOptions#retryFailed()}, failed ones are measured again): rerunning a
 * killed sweep resumes it. When a child exits before recording all its cells,
 * the missing ones are recorded as failed with the exit status, and the sweep goes on.
 *
 * <p>Not thread-safe; one run per result file at a time: a second one fails at once with an
 * {@link IOException} naming the file ({@link RunLock}).
 */
public final class SweepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private final SweepOptions options;
    private final BackendPlan backend;

    /**
     * Creates a runner whose child JVMs run the backend {@code --backend auto} plans for this machine.
     *
     * @param options measurement and child-JVM options
     */
    public SweepRunner(SweepOptions options) {
        this(options, ChildBackend.plan("auto"));
    }

    /**
     * Creates a runner.
     *
     * @param options measurement and child-JVM options
     * @param backend the ND4J backend of the child JVMs, from {@code compressor-jetson}'s selector
     */
    public SweepRunner(SweepOptions options, BackendPlan backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * What a run did.
     *
     * @param selected cells of the plan selected by the shard
     * @param alreadyPresent selected cells found in the file before the run (skipped)
     * @param ok selected cells present and not failed after the run (measured, or not applicable)
     * @param failed selected cells present and failed after the run
     */
    public record Summary(int selected, int alreadyPresent, int ok, int failed) {
    }

    /**
     * Runs the shard's missing cells.
     *
     * @param plan the plan
     * @param shard which cells of it
     * @param resultFile the JSONL store
     * @return what was done
     * @throws IOException if the store cannot be read or written, another run is writing it, or a child
     *     cannot be started
     * @throws InterruptedException if interrupted while waiting for a child (the child is killed)
     */
    public Summary run(SweepPlan plan, Shard shard, Path resultFile) throws IOException, InterruptedException {
        Map<String, List<Setting>> groups = new LinkedHashMap<>();
        plan.byNetwork(shard).forEach((n, s) -> groups.put(n.id(), s));
        return runGroups(groups, plan.tier(), plan.cells(shard).stream().map(SweepPlan.Cell::key).toList(),
                resultFile, List.of());
    }

    /**
     * Runs the shard's missing small-tier cells (accuracy of trained image networks, BLEU of the
     * translation model, on real data), one child JVM per subject, resumable like {@link #run}.
     * Subjects that cannot be measured have no cells ({@link SmallTierPlan#skipped()}).
     *
     * @param plan the small-tier plan
     * @param shard which cells of it
     * @param resultFile the JSONL store
     * @return what was done
     * @throws IOException if the store cannot be read or written, another run is writing it, or a child
     *     cannot be started
     * @throws InterruptedException if interrupted while waiting for a child (the child is killed)
     */
    public Summary runSmall(SmallTierPlan plan, Shard shard, Path resultFile) throws IOException, InterruptedException {
        List<String> extra = new ArrayList<>(List.of("--test-examples", Integer.toString(plan.testExamples())));
        if (plan.weightsDir() != null) {
            extra.addAll(List.of("--weights-dir", plan.weightsDir().toAbsolutePath().toString()));
        }
        extra.addAll(List.of("--catalogs", plan.catalogDir().toAbsolutePath().toString()));
        extra.addAll(FineTuningInputs.arguments(plan.fineTuningBudget()));
        return runGroups(plan.byNetwork(shard), CellRecord.SMALL_TIER, plan.cells(shard), resultFile, extra);
    }

    private Summary runGroups(Map<String, List<Setting>> groups, String tier, List<CellKey> selected,
                              Path resultFile, List<String> extraArgs) throws IOException, InterruptedException {
        try (RunLock claim = RunLock.acquire(resultFile)) {
            return runGroupsClaimed(groups, tier, selected, resultFile, extraArgs);
        }
    }

    private Summary runGroupsClaimed(Map<String, List<Setting>> groups, String tier, List<CellKey> selected,
                              Path resultFile, List<String> extraArgs) throws IOException, InterruptedException {
        int before = countPresent(selected, resultFile);
        SweepProgress progress = new SweepProgress(selected.size(), before, Ticker.systemTicker(), System.err::println);
        Runnable tick = () -> {
            try {
                progress.update(countPresent(selected, resultFile));
            } catch (IOException e) {
                LOG.debug("progress: cannot read {}: {}", resultFile, e.toString());
            }
        };
        for (Map.Entry<String, List<Setting>> e : groups.entrySet()) {
            List<Setting> missing = missing(e.getKey(), e.getValue(), tier, resultFile, options.retryFailed());
            if (missing.isEmpty()) {
                LOG.info("{}: all {} cells present, skipped", e.getKey(), e.getValue().size());
                continue;
            }
            int exit = runChild(e.getKey(), missing, tier, resultFile, extraArgs, tick);
            List<Setting> still = missing(e.getKey(), missing, tier, resultFile, options.retryFailed());
            if (!still.isEmpty()) {
                try (ResultStore store = ResultStore.open(resultFile)) {
                    for (Setting s : still) {
                        store.append(CellRecord.failed(new CellKey(e.getKey(), s.id(), tier),
                                "worker JVM exited with status " + exit + " before recording this cell"
                                        + " (see its standard error; out of memory? raise -Xmx with --jvm-arg)"));
                    }
                }
            }
            tick.run();
        }
        int ok = 0;
        int failed = 0;
        Map<String, CellRecord> now = ResultStore.read(resultFile).stream()
                .collect(Collectors.toMap(r -> r.key().toString(), r -> r));
        for (CellKey c : selected) {
            CellRecord r = now.get(c.toString());
            if (r != null && !r.failed()) {
                ok++;
            } else if (r != null) {
                failed++;
            }
        }
        return new Summary(selected.size(), before, ok, failed);
    }

    /** The environment variable that sets ND4J's OpenMP thread count in a child JVM. */
    static final String OMP_THREADS = "OMP_NUM_THREADS";

    private int runChild(String network, List<Setting> settings, String tier, Path resultFile,
                         List<String> extraArgs, Runnable tick) throws IOException, InterruptedException {
        StringJoiner ids = new StringJoiner(",");
        settings.forEach(s -> ids.add(s.id()));
        List<String> args = new ArrayList<>(List.of("--out", resultFile.toAbsolutePath().toString(),
                "--network", network, "--settings", ids.toString(), "--tier", tier,
                "--seed", Long.toString(options.seed()),
                "--warmup", Integer.toString(options.warmupIterations()),
                "--iterations", Integer.toString(options.measuredIterations()),
                "--batch", Integer.toString(options.largeBatch()), "--xz", Boolean.toString(options.xz()),
                "--fidelity-images", Integer.toString(options.fidelityImages()),
                "--retry-failed", Boolean.toString(options.retryFailed())));
        if (options.timeBudget() != null) {
            args.addAll(List.of("--budget-ns", Long.toString(options.timeBudget().toNanos())));
        }
        args.addAll(extraArgs);
        LOG.info("{}: measuring {} ({} tier) in a child JVM on the {} backend", network, ids, tier, backend.backend());
        ProcessBuilder pb = childProcess(args, tier);
        Process p = pb.start();
        // Keep the child's stdin open while we live: the child halts when it closes.
        OutputStream childStdin = p.getOutputStream();
        try {
            while (!p.waitFor(2, TimeUnit.SECONDS)) {
                tick.run();
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        } finally {
            childStdin.close();
        }
    }

    /**
     * The child JVM's process: this JVM's {@code java} and class path, the options' JVM arguments, the
     * backend plan's environment (so ND4J picks the planned backend), and for the CPU backend outside
     * the small tier ND4J on one OpenMP thread unless {@code OMP_NUM_THREADS} is set.
     *
     * @param args the worker's arguments
     * @param tier the tier measured
     * @return the process, not started, its output inherited
     */
    ProcessBuilder childProcess(List<String> args, String tier) {
        ProcessBuilder pb = ChildJvm.of(backend, SweepWorker.class.getName()).withClasspath(classPath())
                .withJvmOptions(options.childJvmArgs()).withArguments(args).processBuilder()
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (!tier.equals(CellRecord.SMALL_TIER) && backend.backend() == Backend.CPU) {
            // latency is compared in paired rounds: with ND4J's OpenMP threads on every core the JVM's own
            // threads preempt them (on 2 cores MobileNet-v1 inferences ranged 148-623 ms; with one thread,
            // past the first three, 218-321 ms, 35 of 37 within 218-238), so the full tier runs ND4J on
            // one thread unless told otherwise
            pb.environment().putIfAbsent(OMP_THREADS, "1");
        }
        return pb;
    }

    /**
     * The class path of this code: the URLs of its class loader when that is a URL class loader (as
     * under {@code mvn exec:java}), else {@code java.class.path}.
     */
    static String classPath() {
        ClassLoader cl = SweepRunner.class.getClassLoader();
        if (cl instanceof URLClassLoader) {
            StringJoiner j = new StringJoiner(File.pathSeparator);
            for (URL u : ((URLClassLoader) cl).getURLs()) {
                try {
                    j.add(Paths.get(u.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    j.add(u.getPath());
                }
            }
            if (j.length() > 0) {
                return j.toString();
            }
        }
        return System.getProperty("java.class.path");
    }

    /** The settings without a record (without a successful one when retrying failures). */
    private static List<Setting> missing(String network, List<Setting> settings, String tier, Path file,
                                         boolean retryFailed) throws IOException {
        List<String> present = ResultStore.read(file).stream().filter(r -> !r.failed() || !retryFailed)
                .map(r -> r.key().toString()).toList();
        List<Setting> l = new ArrayList<>();
        for (Setting s : settings) {
            if (!present.contains(new CellKey(network, s.id(), tier).toString())) {
                l.add(s);
            }
        }
        return l;
    }

    private static int countPresent(List<CellKey> cells, Path file) throws IOException {
        List<String> present = ResultStore.read(file).stream().map(r -> r.key().toString()).toList();
        int n = 0;
        for (CellKey c : cells) {
            if (present.contains(c.toString())) {
                n++;
            }
        }
        return n;
    }
}
