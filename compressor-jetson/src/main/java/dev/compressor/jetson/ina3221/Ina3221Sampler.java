package dev.compressor.jetson.ina3221;

import dev.compressor.jetson.internal.BoardTotal;
import dev.compressor.jetson.internal.RailEnergyAccumulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Reads every channel at a fixed rate on its own daemon thread and integrates into a
 * {@link RailEnergyAccumulator}. Ticks are scheduled on absolute deadlines (no drift); a late tick
 * is taken at once and the schedule skips missed ticks rather than bursting. Each sample is
 * stamped with the midpoint of the time spent reading it.
 *
 * <p>The value files stay open from construction to {@link #close()}. Use from one controlling
 * thread: {@link #sampleNow()} before {@link #startThread()} and after {@link #stopThread()}; the
 * accumulator may be read once the thread is stopped.
 */
final class Ina3221Sampler implements AutoCloseable {

    /** Receives every sample; the array is the sampler's own and must not be kept. */
    interface Listener {
        void onSample(long nanos, double[] watts);
    }

    private final int[] first;
    private final boolean[] computed;
    private final SysfsValues values;
    private final long periodNanos;
    private final LongSupplier clock;
    private final Listener listener;
    private final RailEnergyAccumulator accumulator;
    private final double[] watts;
    private volatile boolean stopping;
    private volatile IOException failure;
    private Thread thread;

    /** Opens the channels' files. @throws IOException if one cannot be opened, naming it */
    Ina3221Sampler(List<Ina3221Channel> channels, BoardTotal total, long periodNanos, LongSupplier clock, Listener listener)
            throws IOException {
        List<Path> paths = new ArrayList<>();
        first = new int[channels.size()];
        computed = new boolean[channels.size()];
        for (int i = 0; i < channels.size(); i++) {
            first[i] = paths.size();
            computed[i] = !channels.get(i).readsPower();
            paths.addAll(channels.get(i).files());
        }
        this.periodNanos = periodNanos;
        this.clock = clock;
        this.listener = listener;
        this.accumulator = new RailEnergyAccumulator(channels.stream().map(Ina3221Channel::rail).toList(), total);
        this.watts = new double[channels.size()];
        this.values = new SysfsValues(paths);
    }

    /** Reads every channel once and adds the sample. Negative readings (noise at zero load) count as 0 W. */
    void sampleNow() throws IOException {
        long before = clock.getAsLong();
        for (int i = 0; i < watts.length; i++) {
            int f = first[i];
            double mw = computed[i] ? values.read(f) * (double) values.read(f + 1) / 1000.0 : values.read(f);
            watts[i] = Math.max(0, mw) / 1000.0;
        }
        long after = clock.getAsLong();
        long t = before + (after - before) / 2;
        if (accumulator.count() > 0 && t < accumulator.lastNanos()) {
            t = accumulator.lastNanos();
        }
        accumulator.add(t, watts);
        if (listener != null) {
            listener.onSample(t, watts);
        }
    }

    void startThread() {
        thread = new Thread(this::loop, "ina3221-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and waits for it. @throws InterruptedException if interrupted while waiting */
    void stopThread() throws InterruptedException {
        stopping = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            thread.join();
        }
    }

    /** Closes the value files; call after {@link #stopThread()}. */
    @Override
    public void close() {
        values.close();
    }

    /** The read failure that ended the thread early, or null. */
    IOException failure() {
        return failure;
    }

    RailEnergyAccumulator accumulator() {
        return accumulator;
    }

    private void loop() {
        long next = System.nanoTime() + periodNanos;
        while (!stopping) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            try {
                sampleNow();
            } catch (IOException e) {
                failure = e;
                return;
            }
            next += periodNanos;
            long now = System.nanoTime();
            if (now - next > periodNanos) {
                next = now + periodNanos;
            }
        }
    }
}
