package dev.compressor.examples.study;

import dev.compressor.api.profile.PairedComparison;
import java.util.Locale;

/**
 * How the report writes latency: paired ratios with their interval and verdict, and percentiles
 * only where enough samples stand behind them (p90 from {@value #MIN_FOR_P90}, p99 from
 * {@value #MIN_FOR_P99} inferences). Stateless.
 */
final class LatencyText {

    /** Fewest samples a 90th percentile is printed from. */
    static final int MIN_FOR_P90 = 10;
    /** Fewest samples a 99th percentile is printed from. */
    static final int MIN_FOR_P99 = 100;

    private LatencyText() {
    }

    /**
     * A comparison as {@code 1.09x [1.07, 1.11] slower}, or empty text for none.
     *
     * @param c the comparison, or null
     * @return the text
     */
    static String comparison(PairedComparison c) {
        return c == null ? "" : c.format() + " " + c.verdict().latencyWord();
    }

    /**
     * A percentile in milliseconds when the count supports it, else empty text.
     *
     * @param l the latency, or null
     * @param percentile 50, 90 or 99
     * @return the text
     */
    static String percentile(CellRecord.Latency l, int percentile) {
        if (l == null) {
            return "";
        }
        return switch (percentile) {
            case 50 -> ms(l.p50Nanos());
            case 90 -> l.count() >= MIN_FOR_P90 ? ms(l.p90Nanos()) : "";
            case 99 -> l.count() >= MIN_FOR_P99 ? ms(l.p99Nanos()) : "";
            default -> throw new IllegalArgumentException("percentile must be 50, 90 or 99, got " + percentile);
        };
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
