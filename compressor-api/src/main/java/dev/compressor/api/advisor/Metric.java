package dev.compressor.api.advisor;

/** The costs an {@link Objective} can weigh, each lower-is-better and compared to the baseline's. */
public enum Metric {
    /** Artifact bytes on disk (zstd). */
    SIZE,
    /** Median latency of one inference. */
    LATENCY,
    /** Energy per inference (needs an energy meter on the profiler). */
    ENERGY
}
