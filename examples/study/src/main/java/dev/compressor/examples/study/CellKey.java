package dev.compressor.examples.study;

import java.util.Objects;

/**
 * Identifies one cell of the study: a network, a setting and a tier. Immutable.
 *
 * @param network the network's id, e.g. {@code resnet50}
 * @param setting the setting's id, e.g. {@code fp16}
 * @param tier the tier, {@code full} (seeded full-size networks) or {@code small} (trained networks)
 */
public record CellKey(String network, String setting, String tier) {

    /** The tier of the full-size, seeded networks. */
    public static final String FULL = "full";

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if a part is blank or contains '/'
     */
    public CellKey {
        check("network", network);
        check("setting", setting);
        check("tier", tier);
    }

    private static void check(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.indexOf('/') >= 0) {
            throw new IllegalArgumentException(name + " must be non-blank without '/', got '" + value + "'");
        }
    }

    /** Returns {@code network/setting/tier}. */
    @Override
    public String toString() {
        return network + "/" + setting + "/" + tier;
    }
}
