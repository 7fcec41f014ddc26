package dev.compressor.api.encoding;

/**
 * Thrown by {@link TensorEncoding#decode} when a blob cannot be decoded: truncated, malformed,
 * inconsistent with its layout, of an unknown version, or asking for more memory than allowed.
 */
public class CorruptTensorException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, with the offending value
     */
    public CorruptTensorException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong, with the offending value
     * @param cause the underlying failure
     */
    public CorruptTensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
