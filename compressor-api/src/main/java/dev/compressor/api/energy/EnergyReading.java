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
 * <p>Build readings with the factories {@link #measured} and {@link #estimate} and the withers
 * ({@link #withPeakWatts}, {@link #withRails}, {@link #withSampleCount}, {@link #withIdleWatts},
 * {@link #withNote}, {@link #withRemark}, {@link #asPartial}); each wither returns a copy. The
 * canonical constructor, which takes every component at once, exists because records need one.
 *
 * <pre>{@code
 * EnergyReading r = EnergyReading.measured("my-meter", Duration.ofSeconds(2), 10.0)  // 5 W average
 *         .withPeakWatts(7.5).withSampleCount(201).withNote("total = VDD_IN");
 * }</pre>
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

    /**
     * Validates and copies the lists. Prefer {@link #measured} or {@link #estimate} and the
     * withers, which derive the average from energy and duration.
     *
     * @throws IllegalArgumentException if a number is negative or not finite
     */
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
     * A sensor reading with no breakdown: the average is {@code joules / seconds} (0 for an empty
     * interval), the peak equals the average, no rails, no samples counted, no idle baseline, not
     * partial, no note. Refine it with the withers.
     *
     * @param source the meter's name, also {@link EnergyMeter#name()}
     * @param duration the measured interval, not negative
     * @param joules the energy of the total in joules, finite and not negative
     * @return the reading
     * @throws IllegalArgumentException if a value is out of range
     */
    public static EnergyReading measured(String source, Duration duration, double joules) {
        return of(source, false, duration, joules);
    }

    /**
     * Like {@link #measured} but flagged {@linkplain #estimated() estimated}: the numbers come from
     * a model of power, not from a sensor.
     *
     * @param source the meter's name
     * @param duration the interval, not negative
     * @param joules the estimated energy in joules, finite and not negative
     * @return the reading
     * @throws IllegalArgumentException if a value is out of range
     */
    public static EnergyReading estimate(String source, Duration duration, double joules) {
        return of(source, true, duration, joules);
    }

    private static EnergyReading of(String source, boolean estimated, Duration duration, double joules) {
        Objects.requireNonNull(duration, "duration");
        double secs = duration.toNanos() / 1e9;
        double average = secs > 0 ? joules / secs : 0;
        return new EnergyReading(source, estimated, duration, joules, average, average, List.of(), List.of(), 0,
                Optional.empty(), false, "");
    }

    /**
     * A copy with another peak power.
     *
     * @param watts the highest sampled total power in watts, finite and not negative
     * @return the copy
     * @throws IllegalArgumentException if out of range
     */
    public EnergyReading withPeakWatts(double watts) {
        return new EnergyReading(source, estimated, duration, joules, averageWatts, watts, rails, totalRails,
                sampleCount, idleWatts, partial, note);
    }

    /**
     * A copy with a per-rail breakdown and the rails that make up the total.
     *
     * @param railEnergies energy of each rail
     * @param total the names of the rails whose energy is {@link #joules()}
     * @return the copy
     */
    public EnergyReading withRails(List<RailEnergy> railEnergies, List<String> total) {
        return new EnergyReading(source, estimated, duration, joules, averageWatts, peakWatts, railEnergies, total,
                sampleCount, idleWatts, partial, note);
    }

    /**
     * A copy with another sample count.
     *
     * @param count the number of samples taken, not negative
     * @return the copy
     * @throws IllegalArgumentException if negative
     */
    public EnergyReading withSampleCount(int count) {
        return new EnergyReading(source, estimated, duration, joules, averageWatts, peakWatts, rails, totalRails,
                count, idleWatts, partial, note);
    }

    /**
     * A copy carrying an idle baseline (see {@link #joulesAboveIdle()}).
     *
     * @param watts idle power of the total in watts, finite and not negative
     * @return the copy
     * @throws IllegalArgumentException if out of range
     */
    public EnergyReading withIdleWatts(double watts) {
        if (!(watts >= 0) || Double.isInfinite(watts)) {
            throw new IllegalArgumentException("idle power must be finite and >= 0 W, got " + watts);
        }
        return new EnergyReading(source, estimated, duration, joules, averageWatts, peakWatts, rails, totalRails,
                sampleCount, Optional.of(watts), partial, note);
    }

    /**
     * A copy with another note.
     *
     * @param text the note; null stands for none
     * @return the copy
     */
    public EnergyReading withNote(String text) {
        return new EnergyReading(source, estimated, duration, joules, averageWatts, peakWatts, rails, totalRails,
                sampleCount, idleWatts, partial, text);
    }

    /**
     * A copy whose note has a remark appended ({@code "; "} between it and an existing note).
     *
     * @param remark the text to add; null or empty leaves the reading as it is
     * @return the copy, or this reading for an empty remark
     */
    public EnergyReading withRemark(String remark) {
        if (remark == null || remark.isEmpty()) {
            return this;
        }
        return withNote(note.isEmpty() ? remark : note + "; " + remark);
    }

    /**
     * A copy marked {@linkplain #partial() partial}, with the cause appended to the note as
     * {@code "partial: <cause>"}.
     *
     * @param cause why the measurement ended early, e.g. the source process died
     * @return the copy
     */
    public EnergyReading asPartial(String cause) {
        EnergyReading noted = withRemark("partial: " + Objects.requireNonNull(cause, "cause"));
        return new EnergyReading(source, estimated, duration, joules, averageWatts, peakWatts, rails, totalRails,
                sampleCount, idleWatts, true, noted.note);
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
