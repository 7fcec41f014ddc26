package dev.compressor.api.energy;

/**
 * Thrown when an energy meter cannot run or fails while running. The message says why
 * (missing files, permissions, no such board, a child process that died) and what to do.
 */
public class EnergyMeterException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and, where possible, how to fix it
     */
    public EnergyMeterException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong and, where possible, how to fix it
     * @param cause the underlying failure
     */
    public EnergyMeterException(String message, Throwable cause) {
        super(message, cause);
    }
}
