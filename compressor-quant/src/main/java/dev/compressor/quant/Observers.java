package dev.compressor.quant;

/** The built-in {@link Observer}s. */
public final class Observers {

    private Observers() {
    }

    /**
     * The full observed range, {@code [min, max]} per channel: no value is clipped.
     *
     * @return the observer
     */
    public static Observer minMax() {
        return MinMaxObserver.INSTANCE;
    }

    /**
     * The range between the {@code (100 - p)}-th and the {@code p}-th percentile per channel,
     * estimated from a 2048-bin histogram: outliers beyond are clipped.
     *
     * @param p the upper percentile, in (50, 100]; e.g. 99.99
     * @return the observer
     * @throws IllegalArgumentException if {@code p} is outside (50, 100]
     */
    public static Observer percentile(double p) {
        return new PercentileObserver(p);
    }

    /**
     * The clipping range that minimises the expected squared error (rounding noise inside the range
     * plus clipping error outside), searched over 64 shrinkages of the observed range and
     * estimated from a 1024-bin histogram per channel.
     *
     * @return the observer
     */
    public static Observer mseOptimal() {
        return MseObserver.INSTANCE;
    }
}
