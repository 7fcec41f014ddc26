package dev.compressor.api.artifact;

/**
 * The one checked exception for an artifact that cannot be read or restored. Nothing is returned
 * when it is thrown: no partial model. {@link #problem()} classifies the failure; the message names
 * it with the offending value.
 */
public class ArtifactException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of problem the artifact has. */
    public enum Problem {
        /** The file is not an artifact of this library (wrong magic bytes). */
        NOT_AN_ARTIFACT,
        /** The file ends before the declared content does. */
        TRUNCATED,
        /** A checksum does not match: the bytes were changed after writing. */
        CHECKSUM_MISMATCH,
        /** Written by a newer format version than this library reads. */
        UNSUPPORTED_VERSION,
        /** Names an encoding (or encoding version, or outer compression) this library does not have. */
        UNKNOWN_ENCODING,
        /** Declares more than the read limits allow (sizes, counts, elements). */
        LIMIT_EXCEEDED,
        /**
         * Needs code that is not on the class path: a configuration class (a custom layer) or, for
         * {@link RuntimeMode#RESIDENT_QUANTIZED}, a {@link ResidentRuntime}. The message names the
         * class and the module that provides it.
         */
        MISSING_MODULE,
        /** Structurally inconsistent content. */
        MALFORMED,
        /** The file could not be read at all. */
        IO
    }

    private final Problem problem;

    /**
     * Creates the exception.
     *
     * @param problem the kind of problem
     * @param message what is wrong, with the offending value
     */
    public ArtifactException(Problem problem, String message) {
        super(problem + ": " + message);
        this.problem = problem;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param problem the kind of problem
     * @param message what is wrong, with the offending value
     * @param cause the underlying failure
     */
    public ArtifactException(Problem problem, String message, Throwable cause) {
        super(problem + ": " + message, cause);
        this.problem = problem;
    }

    /** The kind of problem. @return the problem */
    public Problem problem() {
        return problem;
    }
}
