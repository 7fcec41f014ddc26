package dev.compressor.api.energy;

import com.google.common.base.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Provides the RAPL powercap meter ({@value #NAME}): CPU package energy on x86 Linux (Intel, and
 * AMD Zen through the same interface) from {@code /sys/class/powercap/intel-rapl:N[:M]/energy_uj}.
 * Rank 200.
 *
 * <p>Energy comes from counter differences, so it is exact whatever the polling interval; the
 * counters are also polled in the background (default every 100 ms, never faster than 50 ms, below
 * which RAPL's update jitter gives more than 5 % error) to find the peak power and to catch
 * wrap-arounds. The total is the sum of the {@code package-N} zones; subzones ({@code core},
 * {@code uncore}, {@code dram}) are reported per rail and never added. Since Linux 5.10 the
 * counters are readable only by root; the probe says so and how to fix it. Immutable and
 * thread-safe.
 */
public final class RaplPowercapMeterProvider implements EnergyMeterProvider {

    /** The provider and meter name. */
    public static final String NAME = RaplPowercapMeter.NAME;

    /** The default background polling interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    /** The shortest polling interval accepted. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(50);

    private final Path root;
    private final Duration interval;

    /** Reads the real {@code /sys} and polls every 100 ms; used by {@link java.util.ServiceLoader}. */
    public RaplPowercapMeterProvider() {
        this(Path.of("/"), DEFAULT_INTERVAL);
    }

    /**
     * Reads another file-system root (a container's view, or a copy of sysfs for tests).
     *
     * @param root the directory that contains {@code sys/class/powercap}
     * @param interval background polling interval, at least {@link #MIN_INTERVAL}
     */
    public RaplPowercapMeterProvider(Path root, Duration interval) {
        this.root = Objects.requireNonNull(root, "root");
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("RAPL polling interval must be at least " + MIN_INTERVAL.toMillis()
                    + " ms (shorter intervals see the counters' update jitter), got " + interval);
        }
        this.interval = interval;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 200;
    }

    @Override
    public Availability probe() {
        try {
            List<RaplZone> zones = RaplZones.discover(root, SysfsReader.FILES);
            List<RaplZone> totals = RaplZones.totalZones(zones);
            return Availability.yes("found " + zones.size() + " RAPL zones in " + RaplZones.powercapDir(root)
                    + "; total = " + totals.stream().map(RaplZone::rail).collect(Collectors.joining(" + ")));
        } catch (EnergyMeterException e) {
            return Availability.no(e.getMessage());
        }
    }

    @Override
    public EnergyMeter create() throws EnergyMeterException {
        return new RaplPowercapMeter(RaplZones.discover(root, SysfsReader.FILES), SysfsReader.FILES, interval,
                Ticker.systemTicker());
    }
}
