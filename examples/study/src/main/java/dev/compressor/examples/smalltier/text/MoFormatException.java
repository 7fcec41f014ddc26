package dev.compressor.examples.smalltier.text;

import java.io.IOException;

/**
 * Thrown when bytes are not a well-formed GNU gettext {@code .mo} catalog: wrong magic number,
 * unsupported revision, a table or string that lies outside the file, a string without its NUL
 * terminator, or text that is not valid in the catalog's charset. The message names the catalog,
 * the offending field and its value.
 */
public final class MoFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, with the catalog name and the bad value
     */
    public MoFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong, with the catalog name and the bad value
     * @param cause the underlying failure
     */
    public MoFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
