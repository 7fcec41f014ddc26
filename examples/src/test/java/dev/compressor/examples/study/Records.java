package dev.compressor.examples.study;

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
}
