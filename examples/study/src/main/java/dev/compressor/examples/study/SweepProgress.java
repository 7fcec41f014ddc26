package dev.compressor.examples.study;

import com.google.common.base.Ticker;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The progress of a sweep, one line each time the number of recorded cells changes: a bar, the
 * count, the elapsed time and an estimate of the time left from the pace of this run so far (cells
 * recorded by an earlier, resumed run do not count towards the pace). Lines rather than a
 * redrawn bar, because the child JVMs write their own output to the same terminal.
 * Not thread-safe.
 */
final class SweepProgress {

    private static final int WIDTH = 30;

    private final int total;
    private final int doneAtStart;
    private final Ticker ticker;
    private final long start;
    private final Consumer<String> out;
    private int shown;

    /**
     * Starts the clock.
     *
     * @param total cells selected
     * @param doneAtStart cells already recorded when the run started
     * @param ticker time source, monotonic nanoseconds
     * @param out where the lines go
     */
    SweepProgress(int total, int doneAtStart, Ticker ticker, Consumer<String> out) {
        if (total < 0 || doneAtStart < 0 || doneAtStart > total) {
            throw new IllegalArgumentException("progress of " + doneAtStart + " of " + total + " cells");
        }
        this.total = total;
        this.doneAtStart = doneAtStart;
        this.ticker = ticker;
        this.start = ticker.read();
        this.out = out;
        this.shown = doneAtStart;
    }

    /**
     * Shows the progress if the count of recorded cells changed.
     *
     * @param done cells recorded now
     */
    void update(int done) {
        if (done != shown) {
            shown = done;
            out.accept(line(done));
        }
    }

    /** The line for {@code done} recorded cells. @param done cells recorded @return the line */
    String line(int done) {
        int d = Math.max(0, Math.min(total, done));
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * d / total);
        long elapsed = ticker.read() - start;
        int measured = d - doneAtStart;
        String eta = measured <= 0 ? "--" : duration(elapsed / measured * (total - d));
        return String.format(Locale.ROOT, "[%s%s] %d/%d cells (%d%%), %s elapsed, ETA %s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), d, total, total == 0 ? 100 : 100L * d / total, duration(elapsed), eta);
    }

    /** {@code 45s}, {@code 3m10s} or {@code 2h05m}. @param nanos a duration @return the text */
    static String duration(long nanos) {
        long s = TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nanos));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
