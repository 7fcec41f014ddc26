package dev.compressor.api.energy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Integrates sampled power over time with the trapezoid rule, on the samples' own timestamps
 * (never on a nominal sampling interval, which drifts and loses samples).
 *
 * <p>For samples {@code (t0, p0) ... (tn, pn)} the energy is
 * {@code sum over i of (p(i-1) + p(i)) / 2 * (t(i) - t(i-1))}: exact for power that is constant
 * or linear between samples. Stateless and thread-safe.
 */
public final class TrapezoidIntegrator {

    private TrapezoidIntegrator() {
    }

    /**
     * Integrates a trace of one rail (or of a total).
     *
     * @param samples power samples with strictly increasing timestamps; may be empty
     * @return the energy, duration, average and peak power and the sample count; all zero for an
     *     empty trace; a single sample gives zero energy and duration, and its power as average and
     *     peak
     * @throws IllegalArgumentException if a timestamp is not greater than the one before it
     */
    public static Integral integrate(List<PowerSample> samples) {
        Objects.requireNonNull(samples, "samples");
        int n = samples.size();
        if (n == 0) {
            return new Integral(0, 0, 0, 0, 0);
        }
        PowerSample first = samples.get(0);
        double joules = 0;
        double peak = first.watts();
        PowerSample prev = first;
        for (int i = 1; i < n; i++) {
            PowerSample s = samples.get(i);
            long dt = s.nanos() - prev.nanos();
            if (dt <= 0) {
                throw new IllegalArgumentException("sample timestamps must increase strictly: sample " + i
                        + " at " + s.nanos() + " ns follows sample " + (i - 1) + " at " + prev.nanos() + " ns");
            }
            joules += (prev.watts() + s.watts()) * 0.5 * (dt / 1e9);
            peak = Math.max(peak, s.watts());
            prev = s;
        }
        long duration = prev.nanos() - first.nanos();
        double average = duration > 0 ? joules / (duration / 1e9) : first.watts();
        return new Integral(joules, duration, average, peak, n);
    }

    /**
     * The result of integrating one trace.
     *
     * @param joules energy in joules
     * @param durationNanos time from the first to the last sample, in nanoseconds
     * @param averageWatts joules divided by the duration in seconds (the single sample's power when
     *     the duration is zero)
     * @param peakWatts the highest sampled power in watts
     * @param count number of samples
     */
    public record Integral(double joules, long durationNanos, double averageWatts, double peakWatts, int count) {

        /**
         * The duration as a {@link Duration}.
         *
         * @return time from the first to the last sample
         */
        public Duration duration() {
            return Duration.ofNanos(durationNanos);
        }

        /**
         * This integral as the energy of a named rail.
         *
         * @param rail the rail name
         * @return the rail's energy, average and peak power and sample count
         */
        public RailEnergy toRail(String rail) {
            return new RailEnergy(rail, joules, averageWatts, peakWatts, count);
        }
    }
}
