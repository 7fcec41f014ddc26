package dev.compressor.api.energy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Integrates the samples of several rails over time, in constant memory, and turns them into an
 * {@link EnergyReading}: the one integrator of every meter. A {@link PowerSampler} feeds it when a
 * meter polls (INA3221, RAPL); a meter whose source pushes values (a {@code tegrastats} child
 * printing lines) calls {@link #add} itself.
 *
 * <p>Two kinds of input, chosen at creation:
 * <ul>
 *   <li>{@link #ofWatts}: instantaneous power in watts, integrated with the trapezoid rule on the
 *       samples' own timestamps (exact for power constant or linear between samples). The peak is
 *       the highest sampled power.</li>
 *   <li>{@link #ofJouleDeltas}: energy in joules since the previous sample (counter differences,
 *       as RAPL gives), added up exactly; the first sample's values are ignored. The peak is the
 *       highest mean power over one sampling interval.</li>
 * </ul>
 * The total is the sum of the named total rails at each sample (its peak is the peak of that sum,
 * not a sum of peaks), never a silent sum of every rail. When a reading's interval starts before
 * the first sample or ends after the last, the first and last power are held over the gaps, so a
 * reading always covers exactly the interval it reports.
 *
 * <p>Not thread-safe: one thread adds samples, and the reading is taken after that thread is done
 * (with a happens-before edge: {@link PowerSampler.Running#stop()} provides one).
 */
public final class RailEnergyAccumulator implements PowerSampler.Sink {

    private final List<String> rails;
    private final List<String> totalRails;
    private final String totalNote;
    private final boolean deltas;
    private final int[] totalIndex;
    private final double[] joules;
    private final double[] peak;
    private final double[] first;
    private final double[] last;
    private long firstNanos;
    private long lastNanos;
    private double totalJoules;
    private double totalPeak;
    private double firstTotal;
    private double lastTotal;
    private int count;
    private boolean powerKnown;

    private RailEnergyAccumulator(List<String> rails, List<String> totalRails, String totalNote, boolean deltas) {
        this.rails = List.copyOf(rails);
        this.totalRails = List.copyOf(totalRails);
        this.totalNote = Objects.requireNonNull(totalNote, "totalNote");
        this.deltas = deltas;
        if (this.rails.isEmpty()) {
            throw new IllegalArgumentException("name at least one rail");
        }
        if (this.totalRails.isEmpty()) {
            throw new IllegalArgumentException("name at least one total rail; rails: " + this.rails);
        }
        this.totalIndex = new int[this.totalRails.size()];
        for (int i = 0; i < totalIndex.length; i++) {
            totalIndex[i] = this.rails.indexOf(this.totalRails.get(i));
            if (totalIndex[i] < 0) {
                throw new IllegalArgumentException("total rail '" + this.totalRails.get(i) + "' not in " + this.rails);
            }
        }
        int n = this.rails.size();
        joules = new double[n];
        peak = new double[n];
        first = new double[n];
        last = new double[n];
    }

    /**
     * An accumulator of instantaneous power samples (watts), integrated with the trapezoid rule.
     *
     * @param rails the rail names, in the order of the arrays passed to {@link #add}
     * @param totalRails which of those rails make up the total, at least one
     * @param totalNote how the total was chosen, in words; starts every reading's note
     * @return an empty accumulator
     * @throws IllegalArgumentException if a list is empty or a total rail is not among the rails
     */
    public static RailEnergyAccumulator ofWatts(List<String> rails, List<String> totalRails, String totalNote) {
        return new RailEnergyAccumulator(rails, totalRails, totalNote, false);
    }

    /**
     * An accumulator of energy differences: each sample holds the joules each rail used since the
     * previous sample (the first sample's values are ignored).
     *
     * @param rails the rail names, in the order of the arrays passed to {@link #add}
     * @param totalRails which of those rails make up the total, at least one
     * @param totalNote how the total was chosen, in words; starts every reading's note
     * @return an empty accumulator
     * @throws IllegalArgumentException if a list is empty or a total rail is not among the rails
     */
    public static RailEnergyAccumulator ofJouleDeltas(List<String> rails, List<String> totalRails, String totalNote) {
        return new RailEnergyAccumulator(rails, totalRails, totalNote, true);
    }

    /**
     * The rails, in the order of the sample arrays.
     *
     * @return the rail names
     */
    public List<String> rails() {
        return rails;
    }

    /**
     * Adds one sample.
     *
     * @param nanos the time of the sample, from the same monotonic clock as every other sample
     * @param values one value per rail, in rail order (watts, or joules since the previous sample);
     *     read, not kept
     * @throws IllegalArgumentException if the array has the wrong length, a value is negative or not
     *     finite, or the time is earlier than the previous sample's
     */
    @Override
    public void add(long nanos, double[] values) {
        if (values.length != rails.size()) {
            throw new IllegalArgumentException("expected " + rails.size() + " values for " + rails + ", got "
                    + values.length);
        }
        for (double v : values) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("rail values must be finite and >= 0, got " + Arrays.toString(values)
                        + " for " + rails);
            }
        }
        if (count > 0 && nanos < lastNanos) {
            throw new IllegalArgumentException("sample time " + nanos + " ns is before the previous " + lastNanos + " ns");
        }
        if (count == 0) {
            firstNanos = nanos;
            if (!deltas) {
                setPower(values, 1, true);
            }
        } else if (deltas) {
            addDeltas(nanos, values);
        } else {
            double dt = (nanos - lastNanos) / 1e9;
            for (int i = 0; i < values.length; i++) {
                joules[i] += 0.5 * (last[i] + values[i]) * dt;
            }
            totalJoules += 0.5 * (lastTotal + sum(values)) * dt;
            setPower(values, 1, false);
        }
        lastNanos = nanos;
        count++;
    }

    private void addDeltas(long nanos, double[] values) {
        for (int i = 0; i < values.length; i++) {
            joules[i] += values[i];
        }
        totalJoules += sum(values);
        long dt = nanos - lastNanos;
        if (dt > 0) { // the same tick of a coarse clock: energy counted, no power to speak of
            setPower(values, 1e9 / dt, !powerKnown);
        }
    }

    /** Records {@code values * scale} as the latest power (and the first, if asked), updating peaks. */
    private void setPower(double[] values, double scale, boolean isFirst) {
        for (int i = 0; i < values.length; i++) {
            last[i] = values[i] * scale;
            peak[i] = Math.max(peak[i], last[i]);
        }
        lastTotal = sum(values) * scale;
        totalPeak = Math.max(totalPeak, lastTotal);
        if (isFirst) {
            System.arraycopy(last, 0, first, 0, last.length);
            firstTotal = lastTotal;
        }
        powerKnown = true;
    }

    private double sum(double[] values) {
        double s = 0;
        for (int idx : totalIndex) {
            s += values[idx];
        }
        return s;
    }

    /**
     * The number of samples added so far.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * Time of the first sample.
     *
     * @return nanoseconds
     * @throws IllegalStateException if no sample was added
     */
    public long firstNanos() {
        requireSamples();
        return firstNanos;
    }

    /**
     * Time of the last sample.
     *
     * @return nanoseconds
     * @throws IllegalStateException if no sample was added
     */
    public long lastNanos() {
        requireSamples();
        return lastNanos;
    }

    /**
     * The reading from the first sample to the last.
     *
     * @param source the meter's name
     * @return the reading; see {@link #toReading(String, long, long)}
     * @throws IllegalStateException if no sample was added
     */
    public EnergyReading toReading(String source) {
        return toReading(source, firstNanos(), lastNanos());
    }

    /**
     * The reading for the interval {@code [startNanos, endNanos]}: the total's energy, average and
     * peak, each rail's, the sample count, and a note that starts with how the total was chosen.
     * Add an idle baseline or a partial cause with {@link EnergyReading#withIdleWatts} and
     * {@link EnergyReading#asPartial}.
     *
     * @param source the meter's name
     * @param startNanos start of the measured interval (same clock as the samples)
     * @param endNanos end of the measured interval, not before {@code startNanos}
     * @return the reading
     * @throws IllegalStateException if no sample was added
     * @throws IllegalArgumentException if the interval is reversed
     */
    public EnergyReading toReading(String source, long startNanos, long endNanos) {
        requireSamples();
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("interval end " + endNanos + " ns is before its start " + startNanos + " ns");
        }
        double head = Math.max(0, firstNanos - startNanos) / 1e9;
        double tail = Math.max(0, endNanos - lastNanos) / 1e9;
        double seconds = (endNanos - startNanos) / 1e9;
        List<RailEnergy> railEnergies = new ArrayList<>(rails.size());
        for (int i = 0; i < rails.size(); i++) {
            double j = joules[i] + first[i] * head + last[i] * tail;
            railEnergies.add(new RailEnergy(rails.get(i), j, seconds > 0 ? j / seconds : 0, peak[i], count));
        }
        double tj = totalJoules + firstTotal * head + lastTotal * tail;
        String note = totalNote;
        if (head + tail > 0) {
            note += String.format(Locale.ROOT, "; first/last sample held over %.1f ms / %.1f ms at the edges",
                    head * 1e3, tail * 1e3);
        }
        return EnergyReading.measured(source, Duration.ofNanos(endNanos - startNanos), tj)
                .withPeakWatts(Math.max(totalPeak, 0)).withRails(railEnergies, totalRails).withSampleCount(count)
                .withNote(note);
    }

    private void requireSamples() {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
    }
}
