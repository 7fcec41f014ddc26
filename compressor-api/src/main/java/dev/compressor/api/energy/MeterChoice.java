package dev.compressor.api.energy;

import java.util.List;
import java.util.Objects;

/**
 * The meter {@link EnergyMeters#best()} chose, and why.
 *
 * @param meter the meter, ready to start
 * @param provider the name of the provider that created it
 * @param reason a human-readable account: the override used, or the ranking, with every provider
 *     probed and what it found
 * @param probes every provider probed, highest rank first
 */
public record MeterChoice(EnergyMeter meter, String provider, String reason, List<ProviderProbe> probes) {

    /** Validates and copies. */
    public MeterChoice {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reason, "reason");
        probes = List.copyOf(probes);
    }

    /**
     * One short line, under 300 characters: the chosen meter and why (abbreviated), then every
     * provider probed with whether it can run here, e.g. {@code "cpu-time-estimate (rank 0), the
     * highest-ranked available meter: estimate from ...; probed: ina3221-sysfs no, rapl-powercap no,
     * cpu-time-estimate yes"}. The full account is {@link #reason()}, each probe's in {@link #probes()}.
     *
     * @return the line
     */
    @Override
    public String toString() {
        String why = reason;
        int cut = why.indexOf("; probed: ");
        if (cut >= 0) {
            why = why.substring(0, cut);
        }
        String chose = "chose " + provider + " ";
        if (why.startsWith(chose)) {
            why = why.substring(chose.length());
        }
        String probed = probes.stream().map(p -> p.provider() + (p.available() ? " yes" : " no"))
                .collect(java.util.stream.Collectors.joining(", "));
        String line = provider + " " + abbreviate(why, 140) + (probed.isEmpty() ? "" : "; probed: " + probed);
        return abbreviate(line, 299);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
