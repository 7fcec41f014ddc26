package dev.compressor.jetson.tegrastats;

import java.util.Objects;

/**
 * A parsed {@code tegrastats} line, the line itself and the time it was read.
 *
 * @param nanos when the line was read, from the runner's monotonic clock (nanoseconds)
 * @param sample the parsed line
 * @param line the line as printed, without its terminator (for messages about it)
 */
public record TimedSample(long nanos, TegrastatsSample sample, String line) {

    /** Validates. */
    public TimedSample {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(line, "line");
    }

    /**
     * A sample whose line text is not kept.
     *
     * @param nanos when the line was read, nanoseconds
     * @param sample the parsed line
     */
    public TimedSample(long nanos, TegrastatsSample sample) {
        this(nanos, sample, "");
    }
}
