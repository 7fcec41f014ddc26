package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.compressor.api.testdata.Tickers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SweepProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void etaComesFromThePaceOfThisRunOnly() {
        AtomicLong now = new AtomicLong();
        List<String> lines = new ArrayList<>();
        SweepProgress p = new SweepProgress(10, 4, Tickers.of(now::get), lines::add); // 4 cells from an earlier run
        now.set(30 * SECOND);
        p.update(4); // nothing new: no line
        p.update(5);
        now.set(90 * SECOND);
        p.update(7);
        assertEquals(List.of(
                "[###############...............] 5/10 cells (50%), 30s elapsed, ETA 2m30s",
                "[#####################.........] 7/10 cells (70%), 1m30s elapsed, ETA 1m30s"), lines);
        assertEquals("[############..................] 4/10 cells (40%), 1m30s elapsed, ETA --", p.line(4));
    }

    @Test
    void durationsAndBadCountsReadWell() {
        assertEquals("0s", SweepProgress.duration(-5));
        assertEquals("59s", SweepProgress.duration(59 * SECOND));
        assertEquals("1m00s", SweepProgress.duration(60 * SECOND));
        assertEquals("2h05m", SweepProgress.duration((2 * 3600 + 5 * 60 + 59) * SECOND));
        assertThrows(IllegalArgumentException.class, () -> new SweepProgress(3, 4, Tickers.of(() -> 0), s -> { }));
    }
}
