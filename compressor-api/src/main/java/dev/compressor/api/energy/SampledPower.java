package dev.compressor.api.energy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The samples one {@link PowerSampler} run took: one row of per-rail watts per poll, all rails
 * read at the same timestamp. Immutable and thread-safe.
 */
public final class SampledPower {

    private final List<String> rails;
    private final long[] nanos;
    private final List<double[]> rows;
    private final Optional<String> failure;

    SampledPower(List<String> rails, long[] nanos, List<double[]> rows, Optional<String> failure) {
        this.rails = List.copyOf(rails);
        this.nanos = nanos.clone();
        List<double[]> copy = new ArrayList<>(rows.size());
        for (double[] row : rows) {
            copy.add(row.clone());
        }
        this.rows = List.copyOf(copy);
        this.failure = Objects.requireNonNull(failure, "failure");
        if (this.nanos.length != this.rows.size()) {
            throw new IllegalArgumentException(nanos.length + " timestamps for " + rows.size() + " rows");
        }
    }

    /**
     * The rails in the order the source reported them.
     *
     * @return the rail names
     */
    public List<String> rails() {
        return rails;
    }

    /**
     * The number of polls (samples per rail).
     *
     * @return the sample count
     */
    public int count() {
        return nanos.length;
    }

    /**
     * Time from the first to the last sample.
     *
     * @return the sampled span
     */
    public Duration duration() {
        return nanos.length == 0 ? Duration.ZERO : Duration.ofNanos(nanos[nanos.length - 1] - nanos[0]);
    }

    /**
     * Achieved polling rate in hertz, 0 for fewer than two samples.
     *
     * @return samples per second
     */
    public double rateHz() {
        long span = duration().toNanos();
        return span > 0 ? (count() - 1) / (span / 1e9) : 0;
    }

    /**
     * Why sampling ended early (the source failed), if it did.
     *
     * @return the failure message, or empty when all polls succeeded
     */
    public Optional<String> failure() {
        return failure;
    }

    /**
     * The trace of one rail.
     *
     * @param rail a name from {@link #rails()}
     * @return its samples in time order
     * @throws IllegalArgumentException if the rail is unknown
     */
    public List<PowerSample> samples(String rail) {
        return sum(List.of(rail));
    }

    /**
     * The trace of the sum of some rails at each poll (for a board total made of several rails).
     *
     * @param totalRails names from {@link #rails()}, not empty
     * @return the summed samples in time order
     * @throws IllegalArgumentException if a rail is unknown or the list is empty
     */
    public List<PowerSample> sum(Collection<String> totalRails) {
        int[] idx = indexes(totalRails);
        List<PowerSample> out = new ArrayList<>(nanos.length);
        for (int i = 0; i < nanos.length; i++) {
            double w = 0;
            for (int k : idx) {
                w += rows.get(i)[k];
            }
            out.add(new PowerSample(nanos[i], w));
        }
        return out;
    }

    private int[] indexes(Collection<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one rail; known: " + rails);
        }
        int[] idx = new int[names.size()];
        int j = 0;
        for (String name : names) {
            idx[j] = rails.indexOf(name);
            if (idx[j++] < 0) {
                throw new IllegalArgumentException("unknown rail '" + name + "'; known: " + rails);
            }
        }
        return idx;
    }

    /**
     * Integrates the samples into a reading: every rail by the trapezoid rule on the sample
     * timestamps; the total is the sum of {@code totalRails} (never of all rails silently); the
     * peak is the highest summed power at any one poll.
     *
     * @param source the meter name for {@link EnergyReading#source()}
     * @param estimated whether the power values are a model rather than a sensor
     * @param totalRails the rails that together make the total, not empty
     * @param note how the total was chosen, or other remarks; a failure is appended
     * @return the reading, {@linkplain EnergyReading#partial() partial} if sampling failed
     * @throws IllegalArgumentException if a total rail is unknown
     */
    public EnergyReading toReading(String source, boolean estimated, List<String> totalRails, String note) {
        TrapezoidIntegrator.Integral total = TrapezoidIntegrator.integrate(sum(totalRails));
        List<RailEnergy> perRail = new ArrayList<>(rails.size());
        for (String rail : rails) {
            perRail.add(TrapezoidIntegrator.integrate(samples(rail)).toRail(rail));
        }
        String text = note == null ? "" : note;
        if (failure.isPresent()) {
            text = (text.isEmpty() ? "" : text + "; ") + "sampling ended early: " + failure.get();
        }
        return new EnergyReading(source, estimated, total.duration(), total.joules(), total.averageWatts(),
                total.peakWatts(), perRail, totalRails, count(), Optional.empty(), failure.isPresent(), text);
    }
}
