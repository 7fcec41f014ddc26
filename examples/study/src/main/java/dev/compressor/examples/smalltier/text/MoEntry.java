package dev.compressor.examples.smalltier.text;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a gettext catalog: optional context ({@code msgctxt}), the original text
 * ({@code msgid}), the optional plural original ({@code msgid_plural}) and the translations (one, or
 * one per plural form). Immutable.
 *
 * @param context the {@code msgctxt}, or {@code null} when the message has none
 * @param original the {@code msgid} (empty only for the catalog header)
 * @param originalPlural the {@code msgid_plural}, or {@code null} for a message without plural forms
 * @param translations the {@code msgstr} forms, at least one
 */
public record MoEntry(String context, String original, String originalPlural, List<String> translations) {

    /**
     * Validates and copies the arguments.
     *
     * @throws NullPointerException if {@code original} or {@code translations} is null
     * @throws IllegalArgumentException if {@code translations} is empty
     */
    public MoEntry {
        Objects.requireNonNull(original, "original");
        translations = List.copyOf(translations);
        if (translations.isEmpty()) {
            throw new IllegalArgumentException("an entry needs at least one translation: " + original);
        }
    }

    /** Returns the context, if the message has one. */
    public Optional<String> contextIfAny() {
        return Optional.ofNullable(context);
    }

    /** Returns whether the message has plural forms. */
    public boolean isPlural() {
        return originalPlural != null;
    }

    /** Returns whether this is the catalog header (empty {@code msgid}, no context). */
    public boolean isHeader() {
        return original.isEmpty() && context == null;
    }

    /** Returns the first (singular) translation. */
    public String translation() {
        return translations.get(0);
    }
}
