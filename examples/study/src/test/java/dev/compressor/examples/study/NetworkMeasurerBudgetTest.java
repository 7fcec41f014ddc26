package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.examples.settings.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measured counts of a cell with and without a time budget (tiny_nmt, measured in this JVM). */
class NetworkMeasurerBudgetTest {

    @TempDir
    Path dir;

    private CellRecord measure(SweepOptions options, String file) throws Exception {
        try (ResultStore store = ResultStore.open(dir.resolve(file))) {
            new NetworkMeasurer(options, null, dir, Ticker.systemTicker(), HostInfo.provenance())
                    .measure(SweepNetwork.byId("tiny_nmt"), List.of(Setting.FP32), CellKey.FULL, store);
            CellRecord r = store.records().get(0);
            assertTrue(r.ok(), r.error());
            return r;
        }
    }

    @Test
    void aSpentBudgetStopsBothBatchSizesAtTheMinimumCount() throws Exception {
        CellRecord r = measure(new SweepOptions(1, 0, 20, Duration.ofNanos(1), 2, false, false, List.of()), "b.jsonl");
        assertEquals(SweepOptions.MIN_MEASURED_IN_BUDGET, r.latency().count());
        assertEquals(SweepOptions.MIN_LARGE_BATCH_IN_BUDGET, r.largeBatchLatency().count());
        assertEquals(2, r.largeBatchLatency().batchSize());
    }

    @Test
    void withoutABudgetTheCountIsExactAndALargeBudgetReachesTheCount() throws Exception {
        CellRecord exact = measure(new SweepOptions(1, 0, 4, null, 2, false, false, List.of()), "c.jsonl");
        assertEquals(4, exact.latency().count());
        assertEquals(4, exact.largeBatchLatency().count());
        CellRecord capped = measure(new SweepOptions(1, 0, 5, Duration.ofHours(1), 0, false, false, List.of()),
                "d.jsonl");
        assertEquals(5, capped.latency().count());
    }

    @Test
    void aBudgetBelowTheMinimumCountMeasuresTheWholeCount() throws Exception {
        CellRecord r = measure(new SweepOptions(1, 0, 2, Duration.ofNanos(1), 0, false, false, List.of()), "e.jsonl");
        assertEquals(2, r.latency().count(),
                "a count under " + SweepOptions.MIN_MEASURED_IN_BUDGET + " caps the minimum");
    }

    @Test
    void aZeroOrNegativeBudgetIsRefusedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepOptions(1, 0, 2, Duration.ZERO, 0, false, false, List.of()));
        assertTrue(e.getMessage().contains("PT0S"), e.getMessage());
        IllegalArgumentException cli = assertThrows(IllegalArgumentException.class, () -> StudyCli.budget(-2));
        assertTrue(cli.getMessage().contains("-2.0"), cli.getMessage());
        assertEquals(null, StudyCli.budget(0));
        assertEquals(Duration.ofMillis(1500), StudyCli.budget(1.5));
    }
}
