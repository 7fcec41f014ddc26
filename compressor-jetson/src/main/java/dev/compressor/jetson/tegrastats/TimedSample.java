package dev.compressor.jetson.tegrastats;

import java.util.Objects;

/**
 * A parsed {@code tegrastats} line and the time it was read.
 *
 * @param nanos when the line was read, from the runner's monotonic clock (nanoseconds)
 * @param sample the parsed line
 */
public record TimedSample(long nanos, TegrastatsSample sample) {

    /** Validates. */
    public TimedSample {
        Objects.requireNonNull(sample, "sample");
    }
}
