package dev.compressor.examples.study;

import dev.compressor.examples.fidelity.Fidelity;
import dev.compressor.api.profile.PairedComparison;
import dev.compressor.api.profile.PairedComparison.Verdict;
import java.util.Map;

/** Test records. */
final class Records {

    private Records() {
    }

    static CellRecord ok(String network, String setting) {
        return new CellRecord(new CellKey(network, setting, CellKey.FULL), null, setting + "(all)", 1234, 10_000,
                Map.of("NONE", 5_000L, "GZIP", 4_000L, "ZSTD", 3_900L), 1_000_000, 2_000_000, 300_000_000,
                50_000_000, 16_000_000, new CellRecord.Latency(1, 5, 10_000_000, 12_000_000, 13_000_000, 95.5),
                new CellRecord.Latency(8, 5, 40_000_000, 42_000_000, 43_000_000, 24.0),
                new CellRecord.Energy("cpu-time-estimate", true, 0.25, 12.5), new Fidelity(1e-3, 2e-4, 1.0),
                Map.of("seed", "42", "jvm", "Eclipse \"Temurin\" 17\n"));
    }

    /**
     * A measured full-tier cell with chosen figures.
     *
     * @param zstdBytes the zstd artifact's bytes (the fp32 file has 10,000)
     * @param weightBytes resident weight bytes
     * @param p50Nanos batch-1 median latency
     * @param joules energy per inference
     * @param estimated whether that energy is a CPU-time estimate
     * @param relativeL2 the logits' relative L2 error
     */
    static CellRecord ok(String network, String setting, long zstdBytes, long weightBytes, long p50Nanos, double joules,
            boolean estimated, double relativeL2) {
        return new CellRecord(new CellKey(network, setting, CellKey.FULL), null, setting + "(all)", 1234, 10_000,
                Map.of("NONE", zstdBytes * 2, "GZIP", zstdBytes + 10, "ZSTD", zstdBytes), 1_000_000, 2_000_000,
                300_000_000, 50_000_000, weightBytes,
                new CellRecord.Latency(1, 20, p50Nanos, p50Nanos + 1_000_000, p50Nanos + 2_000_000, 1e9 / p50Nanos),
                null, new CellRecord.Energy(estimated ? "cpu-time-estimate" : "rapl", estimated, joules, 12.5),
                new Fidelity(relativeL2 * 10, relativeL2, relativeL2 == 0 ? 1.0 : 0.99), Map.of("seed", "42"));
    }

    /** A paired comparison of 20 rounds with a +-3 % interval around the ratio and a chosen verdict. */
    static PairedComparison comparison(double ratio, Verdict verdict) {
        return new PairedComparison(20, ratio, ratio * 0.97, ratio * 1.03, PairedComparison.DEFAULT_MARGIN, verdict);
    }

    /**
     * A paired block: latency (and energy, when {@code energyRatio} is not null) against fp32.
     *
     * @param latencyRatio the latency ratio
     * @param latency its verdict
     * @param control whether the setting is a negative control
     * @param energyRatio the energy ratio, or null without a meter
     * @param energyEstimated whether the energy is a CPU-time estimate
     */
    static CellRecord.Paired paired(double latencyRatio, Verdict latency, boolean control, Double energyRatio,
            boolean energyEstimated) {
        return new CellRecord.Paired(20, 5, true, control, 10_000_000, comparison(latencyRatio, latency), null,
                energyRatio == null ? null : comparison(energyRatio, latency), energyEstimated, Double.NaN, Double.NaN);
    }
}
