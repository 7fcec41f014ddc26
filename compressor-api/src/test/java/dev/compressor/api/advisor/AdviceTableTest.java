package dev.compressor.api.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.profile.LatencyStats;
import dev.compressor.api.profile.MemoryUse;
import dev.compressor.api.profile.Profile;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Advice#toTable()}: the Pareto-front mark and the columns are explained under the rows. */
class AdviceTableTest {

    private static Measurement measured(String name, long bytes, long p50Nanos, double quality) {
        LatencyStats s = new LatencyStats(3, p50Nanos, p50Nanos, p50Nanos, p50Nanos, p50Nanos, p50Nanos, 0);
        Profile p = new Profile(name, 1, 0, s, Duration.ofNanos(3 * p50Nanos), new MemoryUse(0, 0, 0),
                Optional.empty(), 0);
        return new Measurement(name.equals("fp32") ? Candidate.baseline() : Candidate.of(name, Compressors.fp16(), 1),
                bytes, 0, Optional.of(p), quality, Optional.empty());
    }

    @Test
    void theFrontMarkHasALegendLineUnderTheRows() {
        Measurement fp32 = measured("fp32", 1000, 1_000_000, 0.90);
        Measurement small = measured("small", 250, 1_000_000, 0.90);
        Measurement worse = measured("worse", 500, 2_000_000, 0.80);
        Advice a = new Advice(Objective.size(), Constraints.none(), fp32, List.of(fp32, small, worse),
                List.of(small), Optional.of(small), List.of("chose small"), List.of());
        List<String> lines = a.toTable().lines().toList();
        List<String> marked = lines.stream().filter(l -> l.startsWith("*  ")).toList();
        assertEquals(1, marked.size(), String.join("\n", lines));
        assertTrue(marked.get(0).startsWith("*  small "), marked.get(0));
        int lastRow = lines.indexOf(lines.stream().filter(l -> l.contains(" worse ")).findFirst().orElseThrow());
        assertEquals("* = on the Pareto front: no other candidate is at least as good on size, latency, energy and "
                + "quality and better on one", lines.get(lastRow + 1), "the legend follows the rows at once");
        assertTrue(lines.get(lastRow + 2).startsWith("latency vs fp32: ratio [95 % interval]"), lines.get(lastRow + 2));
        assertTrue(lines.get(lastRow + 3).startsWith("score: the objective relative to fp32"), lines.get(lastRow + 3));
        assertEquals("recommendation: small", lines.get(lastRow + 4));
    }
}
