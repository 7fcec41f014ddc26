package dev.compressor.examples.smalltier.text;

import java.util.Objects;

/**
 * One English sentence and its German translation, with the catalog it came from. Immutable.
 *
 * @param source the English text (whitespace collapsed, trimmed, not empty)
 * @param target the German text (whitespace collapsed, trimmed, not empty)
 * @param origin the catalog name, for provenance
 */
public record SentencePair(String source, String target, String origin) {

    /**
     * Validates the arguments.
     *
     * @throws IllegalArgumentException if the source or target is blank
     */
    public SentencePair {
        Objects.requireNonNull(origin, "origin");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank, got '" + source + "'");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank, got '" + target + "'");
        }
    }
}
