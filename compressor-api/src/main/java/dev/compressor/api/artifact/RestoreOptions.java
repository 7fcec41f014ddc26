package dev.compressor.api.artifact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to restore an artifact: the {@link RuntimeMode} that decides how the weights are held in
 * memory, then the {@link RuntimeRewrite}s applied to the restored network, in order. Immutable and
 * thread-safe (as long as the rewrites are).
 *
 * <pre>{@code
 * Model net = model.restore(RestoreOptions.DEFAULT.withRewrite(PointwiseConvolutions.rewrite()));
 * }</pre>
 *
 * @param mode how the weights are held in memory
 * @param rewrites applied to the restored network, first to last
 */
public record RestoreOptions(RuntimeMode mode, List<RuntimeRewrite> rewrites) {

    /** Weights decoded to fp32 at load ({@link RuntimeMode#DEQUANTIZE_AT_LOAD}), no rewrites. */
    public static final RestoreOptions DEFAULT = new RestoreOptions(RuntimeMode.DEQUANTIZE_AT_LOAD, List.of());

    /**
     * Validates and copies the fields.
     *
     * @throws NullPointerException if the mode, the list or one of its rewrites is null
     */
    public RestoreOptions {
        Objects.requireNonNull(mode, "mode");
        rewrites = List.copyOf(rewrites);
    }

    /**
     * Options with a runtime mode and no rewrites.
     *
     * @param mode how the weights are held in memory
     * @return the options
     */
    public static RestoreOptions of(RuntimeMode mode) {
        return new RestoreOptions(mode, List.of());
    }

    /**
     * The same options with another runtime mode.
     *
     * @param mode how the weights are held in memory
     * @return the new options
     */
    public RestoreOptions withMode(RuntimeMode mode) {
        return new RestoreOptions(mode, rewrites);
    }

    /**
     * The same options with one more rewrite, applied after the ones already there.
     *
     * @param rewrite the rewrite
     * @return the new options
     * @throws NullPointerException if rewrite is null
     */
    public RestoreOptions withRewrite(RuntimeRewrite rewrite) {
        List<RuntimeRewrite> all = new ArrayList<>(rewrites);
        all.add(Objects.requireNonNull(rewrite, "rewrite"));
        return new RestoreOptions(mode, all);
    }
}
