package dev.compressor.api.energy;

/**
 * Energy and power of one power rail over a measurement.
 *
 * @param rail the rail name as the hardware names it (e.g. {@code VDD_IN}, {@code package-0})
 * @param joules energy in joules
 * @param averageWatts average power in watts (energy divided by duration)
 * @param peakWatts highest sampled power in watts (equal to the average where the source is a
 *     counter read only at start and stop)
 * @param samples number of samples of this rail
 */
public record RailEnergy(String rail, double joules, double averageWatts, double peakWatts, int samples) {

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException if a value is negative or not finite, or the name is empty
     */
    public RailEnergy {
        if (rail == null || rail.isBlank()) {
            throw new IllegalArgumentException("rail name must not be empty");
        }
        checkFinite("joules", joules);
        checkFinite("averageWatts", averageWatts);
        checkFinite("peakWatts", peakWatts);
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        }
    }

    private static void checkFinite(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + v);
        }
    }
}
