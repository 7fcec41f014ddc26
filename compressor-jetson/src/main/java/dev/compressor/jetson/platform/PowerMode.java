package dev.compressor.jetson.platform;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A Jetson power mode as {@code nvpmodel -q} reports it, e.g. {@code MAXN} with id 0.
 *
 * @param name the mode's name, e.g. {@code MAXN} or {@code 15W}
 * @param id the numeric mode id, if {@code nvpmodel} printed one
 */
public record PowerMode(String name, OptionalInt id) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public PowerMode {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("power mode name must not be blank, got '" + name + "'");
        }
        Objects.requireNonNull(id, "id");
    }
}
