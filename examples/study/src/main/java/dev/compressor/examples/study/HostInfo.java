package dev.compressor.examples.study;

import dev.compressor.jetson.platform.Platform;
import dev.compressor.jetson.platform.PlatformDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provenance of the host that is added to every cell: the CPU count, the load average when the cell
 * started and, on a Jetson, the board
 * model, SoC, L4T release and power mode (from compressor-jetson's platform detection). Stateless.
 */
final class HostInfo {

    private static final Logger LOG = LoggerFactory.getLogger(HostInfo.class);

    private HostInfo() {
    }

    /**
     * The 1, 5 and 15-minute load averages from {@code /proc/loadavg} (Linux), so that a reader can
     * tell measurements taken on a busy machine from those taken on a quiet one.
     */
    static Optional<String> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f.length >= 3 ? Optional.of(f[0] + " " + f[1] + " " + f[2]) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The host entries; detection problems are logged and leave the Jetson entries out. */
    static Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host.cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("nd4j.omp.threads", System.getenv().getOrDefault(SweepRunner.OMP_THREADS, "ND4J's default"));
        m.put("quant.kernels", dev.compressor.quant.internal.SimdSupport.describe());
        loadAverage().ifPresent(v -> m.put("host.load.average", v));
        try {
            Platform p = PlatformDetector.system().detect();
            m.put("host.platform", p.describe());
            if (p.jetson()) {
                p.model().ifPresent(v -> m.put("board", v));
                p.soc().ifPresent(v -> m.put("board.soc", v));
                p.l4tRelease().ifPresent(v -> m.put("board.l4t", v));
                p.powerMode().ifPresent(v -> m.put("board.power.mode",
                        v.name() + (v.id().isPresent() ? " (" + v.id().getAsInt() + ")" : "")));
            }
        } catch (RuntimeException e) {
            LOG.warn("platform detection failed: {}", e.toString());
        }
        return m;
    }
}
