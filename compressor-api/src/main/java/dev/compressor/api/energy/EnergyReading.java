package dev.compressor.api.energy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link EnergyMeter} measured over one interval. Immutable.
 *
 * <p>Units: joules, watts, seconds. {@link #joules()} is the gross energy of the rails named in
 * {@link #totalRails()}; {@link #joulesAboveIdle()} subtracts the idle baseline where one was
 * measured. Energies add and powers average: use {@link #plus(EnergyReading)} to combine
 * consecutive readings of the same meter.
 *
 * @param source the meter's name
 * @param estimated true when the numbers come from a model, not a sensor
 * @param duration the measured interval
 * @param joules gross energy of the total (see {@link #totalRails()})
 * @param averageWatts joules divided by duration
 * @param peakWatts highest sampled total power
 * @param rails per-rail breakdown (may be empty)
 * @param totalRails the rails whose energy makes up {@link #joules()}; never a silent sum
 * @param sampleCount number of samples taken
 * @param idleWatts idle baseline power, if measured
 * @param partial true when the measurement ended early (e.g. the source process died)
 * @param note a human-readable remark (the cause of a partial reading, how the total was chosen)
 */
public record EnergyReading(
        String source,
        boolean estimated,
        Duration duration,
        double joules,
        double averageWatts,
        double peakWatts,
        List<RailEnergy> rails,
        List<String> totalRails,
        int sampleCount,
        Optional<Double> idleWatts,
        boolean partial,
        String note) {

    /** Validates and copies the lists. */
    public EnergyReading {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0, got " + duration);
        }
        if (!(joules >= 0) || Double.isInfinite(joules)) {
            throw new IllegalArgumentException("joules must be finite and >= 0, got " + joules);
        }
        if (!(averageWatts >= 0) || Double.isInfinite(averageWatts)) {
            throw new IllegalArgumentException("averageWatts must be finite and >= 0, got " + averageWatts);
        }
        if (!(peakWatts >= 0) || Double.isInfinite(peakWatts)) {
            throw new IllegalArgumentException("peakWatts must be finite and >= 0, got " + peakWatts);
        }
        if (sampleCount < 0) {
            throw new IllegalArgumentException("sampleCount must be >= 0, got " + sampleCount);
        }
        rails = List.copyOf(rails);
        totalRails = List.copyOf(totalRails);
        Objects.requireNonNull(idleWatts, "idleWatts");
        note = note == null ? "" : note;
    }

    /**
     * Duration in seconds.
     *
     * @return the duration in seconds
     */
    public double seconds() {
        return duration.toNanos() / 1e9;
    }

    /**
     * Energy above the idle baseline: {@code joules - idleWatts * seconds}, not below zero;
     * equal to {@link #joules()} when no baseline was measured.
     *
     * @return joules above idle
     */
    public double joulesAboveIdle() {
        return idleWatts.map(w -> Math.max(0, joules - w * seconds())).orElse(joules);
    }

    /**
     * Achieved sampling rate in hertz (samples per second), 0 for an empty interval.
     *
     * @return the rate
     */
    public double sampleRateHz() {
        double s = seconds();
        return s > 0 ? sampleCount / s : 0;
    }

    /**
     * Combines this reading with a following reading of the same source: energies and durations
     * add, the peak is the larger, the average is recomputed; rails of the same name are combined
     * the same way (rails present in only one reading are kept as they are). The notes are joined.
     *
     * @param other a reading of the same source
     * @return the combined reading
     * @throws IllegalArgumentException if the sources differ
     */
    public EnergyReading plus(EnergyReading other) {
        if (!source.equals(other.source)) {
            throw new IllegalArgumentException("cannot add readings of '" + source + "' and '" + other.source + "'");
        }
        Duration d = duration.plus(other.duration);
        double j = joules + other.joules;
        double secs = d.toNanos() / 1e9;
        Map<String, RailEnergy> merged = new LinkedHashMap<>();
        for (RailEnergy r : rails) {
            merged.put(r.rail(), r);
        }
        for (RailEnergy r : other.rails) {
            merged.merge(r.rail(), r, (a, b) -> {
                double rj = a.joules() + b.joules();
                return new RailEnergy(a.rail(), rj, secs > 0 ? rj / secs : 0, Math.max(a.peakWatts(), b.peakWatts()),
                        a.samples() + b.samples());
            });
        }
        String joined = note.isEmpty() || note.equals(other.note) ? other.note
                : other.note.isEmpty() ? note : note + "; " + other.note;
        return new EnergyReading(source, estimated || other.estimated, d, j, secs > 0 ? j / secs : 0,
                Math.max(peakWatts, other.peakWatts), List.copyOf(merged.values()), totalRails,
                sampleCount + other.sampleCount, idleWatts.isPresent() ? idleWatts : other.idleWatts,
                partial || other.partial, joined);
    }
}
