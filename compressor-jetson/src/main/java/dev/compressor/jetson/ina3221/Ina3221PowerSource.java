package dev.compressor.jetson.ina3221;

import dev.compressor.api.energy.PowerSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The power of every channel in watts, read from sysfs files kept open from construction to
 * {@link #close()}. Negative readings (noise at zero load) count as 0 W. Not thread-safe: the
 * {@link dev.compressor.api.energy.PowerSampler} calls it from one thread at a time.
 */
final class Ina3221PowerSource implements PowerSource, AutoCloseable {

    private final List<String> rails;
    private final int[] first;
    private final boolean[] computed;
    private final SysfsValues values;

    /**
     * Opens the channels' files.
     *
     * @throws IOException if one cannot be opened, naming it
     */
    Ina3221PowerSource(List<Ina3221Channel> channels) throws IOException {
        List<Path> paths = new ArrayList<>();
        first = new int[channels.size()];
        computed = new boolean[channels.size()];
        for (int i = 0; i < channels.size(); i++) {
            first[i] = paths.size();
            computed[i] = !channels.get(i).readsPower();
            paths.addAll(channels.get(i).files());
        }
        this.rails = channels.stream().map(Ina3221Channel::rail).toList();
        this.values = new SysfsValues(paths);
    }

    @Override
    public List<String> rails() {
        return rails;
    }

    /**
     * Reads every channel once: one power file in mW, or mV x mA / 1000.
     *
     * @throws IOException if a file cannot be read or holds no integer, naming it
     */
    @Override
    public void read(double[] watts) throws IOException {
        for (int i = 0; i < first.length; i++) {
            int f = first[i];
            double mw = computed[i] ? values.read(f) * (double) values.read(f + 1) / 1000.0 : values.read(f);
            watts[i] = Math.max(0, mw) / 1000.0;
        }
    }

    /** Closes the value files. */
    @Override
    public void close() {
        values.close();
    }
}
