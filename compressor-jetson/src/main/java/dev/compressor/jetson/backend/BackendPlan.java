package dev.compressor.jetson.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A backend decision made before ND4J starts: the backend, the environment that makes ND4J pick it,
 * and the reasons. Immutable.
 *
 * @param backend the backend to run
 * @param environment the variables to set in the JVM that will run ND4J
 *     ({@code BACKEND_PRIORITY_CPU}, {@code BACKEND_PRIORITY_GPU}); unmodifiable, in a stable order
 * @param fellBack true when CUDA was asked for and the CPU backend was chosen instead
 * @param reasons why this backend, in plain words (including why the wanted one could not run)
 */
public record BackendPlan(Backend backend, Map<String, String> environment, boolean fellBack, List<String> reasons) {

    /** ND4J's environment variable for the CPU backend's priority (default 0). */
    public static final String CPU_PRIORITY = "BACKEND_PRIORITY_CPU";
    /** ND4J's environment variable for the CUDA backend's priority (default 100). */
    public static final String GPU_PRIORITY = "BACKEND_PRIORITY_GPU";

    /** Validates and copies. */
    public BackendPlan {
        Objects.requireNonNull(backend, "backend");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        reasons = List.copyOf(reasons);
    }

    /**
     * A plan for a backend with the environment that makes ND4J prefer it.
     *
     * @param backend the backend
     * @param fellBack whether this is a fallback from CUDA
     * @param reasons why
     * @return the plan
     */
    public static BackendPlan of(Backend backend, boolean fellBack, List<String> reasons) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(CPU_PRIORITY, backend == Backend.CPU ? "100" : "0");
        env.put(GPU_PRIORITY, backend == Backend.CUDA ? "100" : "0");
        return new BackendPlan(backend, env, fellBack, reasons);
    }

    /**
     * Sets this plan's environment on a process about to be started.
     *
     * @param builder the process builder of the JVM that will run ND4J
     * @return the same builder
     */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        builder.environment().putAll(environment);
        return builder;
    }

    /**
     * The plan in words, e.g. for a log line.
     *
     * @return the explanation
     */
    public String explain() {
        StringBuilder s = new StringBuilder("ND4J backend ").append(backend);
        if (fellBack) {
            s.append(" (fallback from CUDA)");
        }
        environment.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        for (String r : reasons) {
            s.append("\n  - ").append(r);
        }
        return s.toString();
    }
}
