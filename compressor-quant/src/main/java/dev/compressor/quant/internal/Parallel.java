package dev.compressor.quant.internal;

import java.util.stream.IntStream;

/**
 * Splits a range of work items into contiguous slices and runs them on the calling thread and the
 * common fork-join pool. Small ranges run on the calling thread alone. Stateless and thread-safe.
 */
public final class Parallel {

    /** Work below this many items (elements) runs on one thread. */
    static final int SERIAL_BELOW = 1 << 18;

    private Parallel() {
    }

    /** A slice of work: items {@code [from, to)}. */
    @FunctionalInterface
    public interface Slice {
        /**
         * Runs the items of one slice.
         *
         * @param slice the slice's index, 0-based
         * @param from first item
         * @param to one past the last item
         */
        void run(int slice, int from, int to);
    }

    /**
     * The number of slices {@link #forSlices} uses for {@code items} items of {@code weight}
     * elements each: 1 for small work, otherwise up to four per processor.
     *
     * @param items number of items
     * @param weight elements per item, at least 1
     * @return the number of slices, at least 1 (0 only when {@code items} is 0)
     */
    public static int sliceCount(int items, long weight) {
        if (items <= 0) {
            return 0;
        }
        long work = items * Math.max(1L, weight);
        if (work < SERIAL_BELOW || items == 1) {
            return 1;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        long byWork = work / (SERIAL_BELOW / 4);
        return (int) Math.max(1, Math.min(Math.min(items, 4L * threads), byWork));
    }

    /**
     * Runs {@code items} items split into {@code slices} contiguous slices of near-equal size.
     *
     * @param items number of items
     * @param slices number of slices, from {@link #sliceCount}
     * @param body what to run per slice
     */
    public static void forSlices(int items, int slices, Slice body) {
        if (slices <= 1) {
            if (items > 0) {
                body.run(0, 0, items);
            }
            return;
        }
        IntStream.range(0, slices).parallel().forEach(s -> {
            int from = (int) ((long) items * s / slices);
            int to = (int) ((long) items * (s + 1) / slices);
            if (to > from) {
                body.run(s, from, to);
            }
        });
    }
}
