package dev.compressor.api.advisor;

import dev.compressor.api.Compressor;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.RuntimeMode;
import java.util.Objects;

/**
 * One setting the {@link Advisor} may recommend: a compressor and the runtime mode its artifact is
 * restored in.
 *
 * @param name a unique name, e.g. {@code "int8-per-channel/resident"}
 * @param compressor the technique or pipeline
 * @param mode how the restored network holds its weights
 * @param cost relative cost of trying it (compression plus measurement); cheaper candidates are
 *     measured first
 */
public record Candidate(String name, Compressor compressor, RuntimeMode mode, double cost) {

    /** Validates the fields. */
    public Candidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(compressor, "compressor");
        Objects.requireNonNull(mode, "mode");
        if (name.isBlank()) {
            throw new IllegalArgumentException("candidate name must not be blank");
        }
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be finite and >= 0, got " + cost);
        }
    }

    /**
     * A candidate restored with {@link RuntimeMode#DEQUANTIZE_AT_LOAD}.
     *
     * @param name unique name
     * @param compressor the technique
     * @param cost relative cost
     * @return the candidate
     */
    public static Candidate of(String name, Compressor compressor, double cost) {
        return new Candidate(name, compressor, RuntimeMode.DEQUANTIZE_AT_LOAD, cost);
    }

    /** The uncompressed fp32 network: what "do not compress" keeps. @return the baseline */
    public static Candidate baseline() {
        return of("fp32", Compressors.identity(), 0);
    }
}
