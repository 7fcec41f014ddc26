package dev.compressor.api.energy;

/**
 * One power reading of one rail (or of the whole board) at one instant.
 *
 * @param nanos the time of the reading in nanoseconds, from a monotonic clock
 * @param watts the instantaneous power in watts, finite and not negative
 */
public record PowerSample(long nanos, double watts) {

    /**
     * Validates the sample.
     *
     * @throws IllegalArgumentException if watts is negative, NaN or infinite
     */
    public PowerSample {
        if (!(watts >= 0) || Double.isInfinite(watts)) {
            throw new IllegalArgumentException("power must be finite and >= 0 W, got " + watts);
        }
    }
}
