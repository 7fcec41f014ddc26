package dev.compressor.jetson.backend;

import java.util.Objects;

/**
 * What a caller asks of the backend selection.
 *
 * @param wanted the backend asked for
 * @param cpuFallback whether the CPU backend may be used when the wanted one cannot run
 */
public record BackendRequest(Backend wanted, boolean cpuFallback) {

    /** Validates. */
    public BackendRequest {
        Objects.requireNonNull(wanted, "wanted");
    }

    /** The CPU backend. @return the request */
    public static BackendRequest cpu() {
        return new BackendRequest(Backend.CPU, false);
    }

    /** The CUDA backend, or fail. @return the request */
    public static BackendRequest cuda() {
        return new BackendRequest(Backend.CUDA, false);
    }

    /** The CUDA backend where it can run, else the CPU backend with the reason stated. @return the request */
    public static BackendRequest cudaOrCpu() {
        return new BackendRequest(Backend.CUDA, true);
    }
}
