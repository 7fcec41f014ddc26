package dev.compressor.jetson.backend;

/**
 * Thrown when no backend plan can satisfy a request, or when the running JVM's backend differs from
 * a plan. The message says what is missing and what to change.
 */
public class BackendSelectionException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public BackendSelectionException(String message) {
        super(message);
    }
}
