package dev.compressor.quant.internal;

/**
 * Decides once per JVM whether the 8-bit codec loops run as {@link VectorKernels} (the incubating
 * Vector API) or as plain loops. The vector form is used when the module
 * {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}), the hardware has 256-bit or wider vectors, and the
 * system property {@value #DISABLE_PROPERTY} is not {@code true}. Both forms give identical codes and
 * values, so the choice affects speed only. Thread-safe (immutable after class initialisation).
 */
public final class SimdSupport {

    /** System property that turns the vector form off ({@code -Ddev.compressor.quant.simd=false}). */
    static final String DISABLE_PROPERTY = "dev.compressor.quant.simd";

    /** Whether the vector form is in use in this JVM. */
    static final boolean ENABLED = decide();

    private SimdSupport() {
    }

    private static boolean decide() {
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY, "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorKernels.usable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Whether the 8-bit codec loops use the Vector API in this JVM.
     *
     * @return {@link #ENABLED}
     */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * The kernel forms this JVM uses, for benchmark and log lines.
     *
     * @return a short description
     */
    public static String describe() {
        return ENABLED ? "jdk.incubator.vector kernels" : "scalar loops (" + (LinearKernels.VECTOR_CASTS
                ? "auto-vectorized float clamp" : "integer clamp") + ")";
    }
}
