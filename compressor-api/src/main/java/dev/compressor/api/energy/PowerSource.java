package dev.compressor.api.energy;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Named values read together, one per rail, polled by a {@link PowerSampler}: instantaneous power
 * in watts (an INA3221 reader: {@code VDD_IN, VDD_CPU_GPU_CV, VDD_SOC}) or energy since the
 * previous read in joules (a RAPL counter reader); the {@link RailEnergyAccumulator} the samples
 * go to says which.
 *
 * <p>{@link #rails()} never changes. {@link #read} is called from one thread at a time, not always
 * the same one; the sampler orders the calls (happens-before), so an implementation may keep state
 * between reads without locking.
 */
public interface PowerSource {

    /**
     * The rails, in the order {@link #read} fills its array.
     *
     * @return the rail names, not empty, fixed for the source's life
     */
    List<String> rails();

    /**
     * Reads every rail once.
     *
     * @param values filled with one value per rail, in {@link #rails()} order (finite, not negative)
     * @throws IOException if the hardware cannot be read; sampling then ends and the reading is
     *     marked partial
     */
    void read(double[] values) throws IOException;

    /**
     * A source from rail names and a read function.
     *
     * @param rails the rail names, not empty
     * @param reader fills one value per rail
     * @return the source
     * @throws IllegalArgumentException if no rail is named
     */
    static PowerSource of(List<String> rails, Reader reader) {
        List<String> names = List.copyOf(rails);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a power source needs at least one rail");
        }
        Objects.requireNonNull(reader, "reader");
        return new PowerSource() {
            @Override
            public List<String> rails() {
                return names;
            }

            @Override
            public void read(double[] values) throws IOException {
                reader.read(values);
            }

            @Override
            public String toString() {
                return "PowerSource" + names;
            }
        };
    }

    /** The read function of {@link PowerSource#of}. */
    @FunctionalInterface
    interface Reader {
        /**
         * Fills one value per rail.
         *
         * @param values the array to fill, in rail order
         * @throws IOException if the hardware cannot be read
         */
        void read(double[] values) throws IOException;
    }
}
