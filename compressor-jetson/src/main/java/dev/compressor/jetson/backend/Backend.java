package dev.compressor.jetson.backend;

import dev.compressor.jetson.platform.ClasspathBackends;

/** The ND4J backends this SDK can plan for. */
public enum Backend {
    /** {@code nd4j-native}: the CPU backend. */
    CPU(ClasspathBackends.CPU_BACKEND_CLASS),
    /** {@code nd4j-cuda-*}: the CUDA backend. */
    CUDA(ClasspathBackends.CUDA_BACKEND_CLASS);

    private final String backendClass;

    Backend(String backendClass) {
        this.backendClass = backendClass;
    }

    /**
     * The ND4J backend class that implements this backend.
     *
     * @return a fully qualified class name
     */
    public String backendClass() {
        return backendClass;
    }
}
