package dev.compressor.jetson.internal;

import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.energy.RailEnergy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Integrates the power of several rails over time with the trapezoid rule on the samples' own
 * timestamps, in constant memory, and turns the result into an {@link EnergyReading}.
 *
 * <p>Before the first sample and after the last, power is held at that sample's value, so a
 * reading always covers exactly the interval it reports. Not thread-safe: one thread adds samples,
 * and the reading is taken after that thread is done (with a happens-before edge, e.g. a join).
 */
public final class RailEnergyAccumulator {

    private final List<String> rails;
    private final BoardTotal total;
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

    /**
     * Creates an empty accumulator.
     *
     * @param rails the rail names, in the order of the power arrays passed to {@link #add}
     * @param total which of those rails make up the total
     * @throws IllegalArgumentException if a total rail is not among {@code rails}
     */
    public RailEnergyAccumulator(List<String> rails, BoardTotal total) {
        this.rails = List.copyOf(rails);
        this.total = total;
        this.totalIndex = new int[total.rails().size()];
        for (int i = 0; i < totalIndex.length; i++) {
            totalIndex[i] = this.rails.indexOf(total.rails().get(i));
            if (totalIndex[i] < 0) {
                throw new IllegalArgumentException("total rail '" + total.rails().get(i) + "' not in " + rails);
            }
        }
        int n = this.rails.size();
        joules = new double[n];
        peak = new double[n];
        first = new double[n];
        last = new double[n];
    }

    /**
     * Adds one sample.
     *
     * @param nanos the time of the sample, from the same monotonic clock as every other sample
     * @param watts power of each rail in watts, in rail order; copied
     * @throws IllegalArgumentException if the array has the wrong length, a value is negative or not
     *     finite, or the time is earlier than the previous sample's
     */
    public void add(long nanos, double[] watts) {
        if (watts.length != rails.size()) {
            throw new IllegalArgumentException("expected " + rails.size() + " rail powers, got " + watts.length);
        }
        for (double w : watts) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("rail power must be finite and >= 0 W, got " + Arrays.toString(watts));
            }
        }
        if (count > 0 && nanos < lastNanos) {
            throw new IllegalArgumentException("sample time " + nanos + " ns is before the previous " + lastNanos + " ns");
        }
        double sum = 0;
        for (int idx : totalIndex) {
            sum += watts[idx];
        }
        if (count == 0) {
            firstNanos = nanos;
            System.arraycopy(watts, 0, first, 0, watts.length);
            firstTotal = sum;
        } else {
            double dt = (nanos - lastNanos) / 1e9;
            for (int i = 0; i < watts.length; i++) {
                joules[i] += 0.5 * (last[i] + watts[i]) * dt;
            }
            totalJoules += 0.5 * (lastTotal + sum) * dt;
        }
        for (int i = 0; i < watts.length; i++) {
            peak[i] = Math.max(peak[i], watts[i]);
        }
        totalPeak = Math.max(totalPeak, sum);
        System.arraycopy(watts, 0, last, 0, watts.length);
        lastTotal = sum;
        lastNanos = nanos;
        count++;
    }

    /** The number of samples added so far. @return the count */
    public int count() {
        return count;
    }

    /**
     * Time of the first sample. @return nanoseconds
     * @throws IllegalStateException if no sample was added
     */
    public long firstNanos() {
        requireSamples();
        return firstNanos;
    }

    /**
     * Time of the last sample. @return nanoseconds
     * @throws IllegalStateException if no sample was added
     */
    public long lastNanos() {
        requireSamples();
        return lastNanos;
    }

    /**
     * Builds the reading for the interval {@code [startNanos, endNanos]}.
     *
     * @param source the meter's name
     * @param startNanos start of the measured interval (same clock as the samples)
     * @param endNanos end of the measured interval, not before {@code startNanos}
     * @param idleWatts idle baseline of the total, if measured
     * @param partial whether the measurement ended early
     * @param remark extra text for the reading's note (the cause of a partial reading), may be empty
     * @return the reading
     * @throws IllegalStateException if no sample was added
     * @throws IllegalArgumentException if the interval is reversed
     */
    public EnergyReading toReading(String source, long startNanos, long endNanos, Optional<Double> idleWatts,
            boolean partial, String remark) {
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
        StringBuilder note = new StringBuilder(total.explanation());
        if (head + tail > 0) {
            note.append(String.format("; first/last sample held over %.1f ms / %.1f ms at the edges", head * 1e3, tail * 1e3));
        }
        if (remark != null && !remark.isEmpty()) {
            note.append("; ").append(remark);
        }
        return new EnergyReading(source, false, Duration.ofNanos(endNanos - startNanos), tj, seconds > 0 ? tj / seconds : 0,
                totalPeak, railEnergies, total.rails(), count, idleWatts, partial, note.toString());
    }

    private void requireSamples() {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
    }
}
