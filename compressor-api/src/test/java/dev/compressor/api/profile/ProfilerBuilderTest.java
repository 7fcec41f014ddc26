package dev.compressor.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.testdata.Tickers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ProfilerBuilderTest {

    @Test
    void settersRejectBadValuesWithTheValueInTheMessage() {
        Profiler.Builder b = Profiler.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.warmupIterations(-1)).getMessage().contains("-1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.measuredIterations(0)).getMessage().contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.batchSize(0)).getMessage().contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.timeBudget(Duration.ZERO)).getMessage()
                .contains("PT0S"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.minMeasuredIterations(0)).getMessage()
                .contains("0"));
        assertThrows(NullPointerException.class, () -> b.ticker(null));
        assertThrows(NullPointerException.class, () -> b.energyMeter(null));
        assertThrows(NullPointerException.class, () -> b.label(null));
    }

    @Test
    void aMinimumCountNeedsABudgetAndMayNotExceedTheCount() {
        IllegalStateException noBudget = assertThrows(IllegalStateException.class,
                () -> Profiler.builder().minMeasuredIterations(3).build());
        assertTrue(noBudget.getMessage().contains("minMeasuredIterations (3) applies to a timeBudget"),
                noBudget.getMessage());
        IllegalStateException aboveCount = assertThrows(IllegalStateException.class, () -> Profiler.builder()
                .timeBudget(Duration.ofSeconds(1)).measuredIterations(4).minMeasuredIterations(5).build());
        assertTrue(aboveCount.getMessage().contains("minMeasuredIterations (5) is above measuredIterations (4)"),
                aboveCount.getMessage());
    }

    @Test
    void countAndBudgetTogetherStopAtWhicheverComesFirst() throws Exception {
        AtomicLong clock = new AtomicLong();
        // each clock read adds 1 ms: after k inferences t1 - start = 2k - 1 ms
        Profiler both = Profiler.builder().warmupIterations(0).timeBudget(Duration.ofMillis(10)).measuredIterations(4)
                .ticker(Tickers.of(() -> clock.addAndGet(1_000_000L))).synchronizer(() -> { }).build();
        assertEquals(4, both.profile(() -> Nd4j.scalar(1f)).count(), "the count first");
        Profiler budgetFirst = both.toBuilder().measuredIterations(50).build();
        assertEquals(6, budgetFirst.profile(() -> Nd4j.scalar(1f)).count(), "the budget first (11 ms >= 10 ms)");
    }

    @Test
    void theMinimumCountOutlastsTheBudget() throws Exception {
        AtomicLong clock = new AtomicLong();
        // each inference takes 1 s of ticker time against a 10 ms budget
        Profiler p = Profiler.builder().warmupIterations(0).timeBudget(Duration.ofMillis(10)).minMeasuredIterations(3)
                .ticker(Tickers.of(() -> clock.addAndGet(500_000_000L))).synchronizer(() -> { }).build();
        assertEquals(3, p.profile(() -> Nd4j.scalar(1f)).count());
        assertEquals(1, p.toBuilder().minMeasuredIterations(1).build().profile(() -> Nd4j.scalar(1f)).count());
    }

    @Test
    void anIdleBaselineNeedsAMeter() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Profiler.builder().idleBaseline(Duration.ofSeconds(1)).build());
        assertTrue(e.getMessage().contains("needs an energyMeter"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Profiler.builder().idleBaseline(Duration.ofSeconds(-1)));
    }

    @Test
    void toBuilderKeepsSettingsAndAddsACount() throws Exception {
        AtomicLong clock = new AtomicLong();
        Profiler budget = Profiler.builder().warmupIterations(0).timeBudget(Duration.ofMillis(10))
                .ticker(Tickers.of(() -> clock.addAndGet(1_000_000L))).synchronizer(() -> { }).build();
        Profile byBudget = budget.profile(() -> Nd4j.scalar(1f));
        // each clock read adds 1 ms: after k inferences t1 - start = 2k - 1 ms, first >= 10 ms at k = 6
        assertEquals(6, byBudget.count());
        Profile byCount = budget.toBuilder().measuredIterations(3).build().profile(() -> Nd4j.scalar(1f));
        assertEquals(3, byCount.count());
    }
}
