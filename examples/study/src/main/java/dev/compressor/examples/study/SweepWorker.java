package dev.compressor.examples.study;

import com.google.common.base.Ticker;
import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyMeters;
import dev.compressor.api.energy.MeterChoice;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.smalltier.image.SmallNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child-JVM entry point of {@link SweepRunner}: measures one network's cells and appends them to
 * the store. It halts as soon as its standard input closes, which happens when the parent runner
 * dies, so a killed runner leaves no worker writing behind it. Not for direct use.
 *
 * <p>Arguments: {@code --out FILE --network ID --settings ID,ID --tier T --seed N --warmup N
 * --iterations N [--budget-ns N] --batch N --fidelity-images N --xz BOOL --retry-failed BOOL}; with {@code --tier small} the network is a
 * small-tier network ({@link SmallTierMeasurer}) or the translation model {@code nmt}
 * ({@link NmtMeasurer}), and {@code --test-examples N} (0 = all), {@code --weights-dir DIR} (default:
 * the committed weights) and, for {@code nmt}, {@code --catalogs DIR} (default
 * {@code /usr/share/locale/de/LC_MESSAGES}) apply.
 */
final class SweepWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SweepWorker.class);

    /** Exit status when the parent went away. */
    static final int ORPHANED = 70;
    /** Exit status when the worker failed (the error is on standard error). */
    static final int FAILED = 1;

    private SweepWorker() {
    }

    /**
     * Runs the worker and exits: status 0 when its cells are recorded, {@value #FAILED} with the error
     * on standard error when it cannot go on (the store locked by another process, bad arguments),
     * at once, whatever threads the libraries left running.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            System.err.println("study worker: " + t);
            t.printStackTrace();
            System.exit(FAILED);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        watchParent();
        Path out = Paths.get(require(a, "--out"));
        String tier = a.getOrDefault("--tier", CellKey.FULL);
        List<Setting> settings = new ArrayList<>();
        for (String s : require(a, "--settings").split(",")) {
            settings.add(Setting.byId(s));
        }
        SweepOptions options = new SweepOptions(Long.parseLong(a.getOrDefault("--seed", "42")),
                Integer.parseInt(a.getOrDefault("--warmup", "3")),
                Integer.parseInt(a.getOrDefault("--iterations", "20")),
                a.containsKey("--budget-ns") ? Duration.ofNanos(Long.parseLong(a.get("--budget-ns"))) : null,
                Integer.parseInt(a.getOrDefault("--batch", "0")), Boolean.parseBoolean(a.getOrDefault("--xz", "false")),
                Boolean.parseBoolean(a.getOrDefault("--retry-failed", "false")),
                List.of(), Integer.parseInt(a.getOrDefault("--fidelity-images",
                        Integer.toString(SweepOptions.DEFAULT_FIDELITY_IMAGES))));
        if (tier.equals(CellRecord.SMALL_TIER)) {
            runSmall(a, out, settings, options);
            return;
        }
        SweepNetwork network = SweepNetwork.byId(require(a, "--network"));
        EnergyMeter meter = null;
        try {
            MeterChoice choice = EnergyMeters.best();
            meter = choice.meter();
            LOG.info("energy meter: {}{}", choice.provider(), meter.estimated() ? " (estimate)" : "");
        } catch (EnergyMeterException e) {
            LOG.warn("no energy meter: {}", e.getMessage());
        }
        Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".work-" + network.id() + "-");
        try (ResultStore store = ResultStore.open(out)) {
            new NetworkMeasurer(options, meter, work, Ticker.systemTicker(), HostInfo.provenance())
                    .measure(network, settings, tier, store);
        } finally {
            deleteTree(work);
        }
    }

    private static void runSmall(Map<String, String> a, Path out, List<Setting> settings, SweepOptions options)
            throws IOException {
        String dir = a.get("--weights-dir");
        if (require(a, "--network").equals(NmtSubject.ID)) {
            Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".work-small-nmt-");
            try (ResultStore store = ResultStore.open(out)) {
                new NmtMeasurer(Integer.parseInt(a.getOrDefault("--test-examples", "0")),
                        dir == null ? null : Paths.get(dir),
                        Paths.get(a.getOrDefault("--catalogs", NmtSubject.DEFAULT_CATALOGS.toString())), work,
                        Ticker.systemTicker(), HostInfo.provenance(), options.retryFailed(), FineTuningInputs.budget(a))
                        .measure(settings, store);
            } finally {
                deleteTree(work);
            }
            return;
        }
        SmallNetwork network = SmallNetwork.byId(require(a, "--network"));
        Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".work-small-" + network.id() + "-");
        try (ResultStore store = ResultStore.open(out)) {
            new SmallTierMeasurer(Integer.parseInt(a.getOrDefault("--test-examples", "0")),
                    dir == null ? null : Paths.get(dir), work, Ticker.systemTicker(), HostInfo.provenance(),
                    options.retryFailed(), FineTuningInputs.budget(a)).measure(network, settings, store);
        } finally {
            deleteTree(work);
        }
    }

    /** Halts this JVM when standard input reaches its end (the parent closed the pipe or died). */
    private static void watchParent() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading until the pipe closes
                }
            } catch (IOException e) {
                // treat as closed
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option at argument " + i + ", got '" + args[i] + "'");
            }
            m.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option '" + args[args.length - 1] + "' has no value");
        }
        return m;
    }

    private static String require(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
