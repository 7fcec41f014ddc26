package dev.compressor.jetson.ina3221;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One connected INA3221 channel: a named power rail and the sysfs files its power is read from.
 * Immutable.
 *
 * @param rail the rail name from the channel's label, e.g. {@code VDD_IN}
 * @param layout the sysfs layout
 * @param directory the {@code iio:deviceN} or {@code hwmonN} directory
 * @param index the channel number as the files spell it (0..2 for iio, 1..3 for hwmon)
 * @param files the files read for each sample: one power file in mW, or a voltage file in mV
 *     followed by a current file in mA (power = mV x mA / 1000)
 */
public record Ina3221Channel(String rail, Ina3221Layout layout, Path directory, int index, List<Path> files) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the name is blank or there are not one or two files
     */
    public Ina3221Channel {
        if (rail == null || rail.isBlank()) {
            throw new IllegalArgumentException("rail name must not be blank, got '" + rail + "'");
        }
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(directory, "directory");
        files = List.copyOf(files);
        if (files.isEmpty() || files.size() > 2) {
            throw new IllegalArgumentException("a channel reads one power file or a voltage and a current file, got " + files);
        }
    }

    /** Whether power is read directly (one mW file) rather than computed from voltage and current. @return true for one file */
    public boolean readsPower() {
        return files.size() == 1;
    }
}
