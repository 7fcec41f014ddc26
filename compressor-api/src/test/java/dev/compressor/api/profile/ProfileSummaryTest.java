package dev.compressor.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.energy.EnergyMeters;
import dev.compressor.api.testdata.Tickers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Profile#summary()}: durations with units, energy "n/a" without a meter. */
class ProfileSummaryTest {

    @Test
    void durationsGetAUnitFitForTheirSize() {
        assertEquals("1.23 s", Profile.format(Duration.ofMillis(1234)));
        assertEquals("4.21 ms", Profile.format(Duration.ofNanos(4_213_000)));
        assertEquals("85.3 us", Profile.format(Duration.ofNanos(85_300)));
        assertEquals("950 ns", Profile.format(Duration.ofNanos(950)));
        assertEquals("0 ns", Profile.format(Duration.ZERO));
    }

    @Test
    void aProfileWithoutAMeterPrintsLatencyThroughputAndEnergyNotAvailable() {
        LatencyStats stats = new LatencyStats(4, 3_900_000, 4_300_000, 4_213_000, 4_900_000, 5_100_000, 5_100_000, 0);
        Profile p = new Profile("mlp", 8, 2, stats, Duration.ofNanos(17_200_000), new MemoryUse(0, 0, 0),
                Optional.empty(), 0);
        String expected = "mlp: p50 4.21 ms, p99 5.10 ms, 232.6 inferences/s (batch 8), J/inference n/a";
        assertEquals(expected, p.summary());
        assertEquals(expected, p.toString());
    }

    @Test
    void aMeasuredProfileWithAMeterPrintsJoulesPerInference() throws Exception {
        AtomicLong clock = new AtomicLong();
        Profile p = Profiler.builder().warmupIterations(0).measuredIterations(5).label("sum").synchronizer(() -> { })
                .ticker(Tickers.of(() -> clock.addAndGet(2_000_000))).energyMeter(EnergyMeters.byName("cpu-time-estimate"))
                .build().profile(() -> Nd4j.ones(64).mul(2));
        String s = p.summary();
        assertTrue(s.matches("sum: p50 2\\.00 ms, p99 2\\.00 ms, 500\\.0 inferences/s \\(batch 1\\), "
                + "[0-9.e+-]+ J/inference"), s);
        assertTrue(!s.contains("Optional") && !s.contains("PT"), "no raw Optional or Duration: " + s);
    }
}
