package dev.compressor.jetson.backend;

import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks the ND4J backend of the running JVM against a {@link BackendPlan}.
 *
 * <p>Calling {@link #verify(BackendPlan)} initialises ND4J if it has not started yet. Thread-safe.
 */
public final class RunningBackend {

    private RunningBackend() {
    }

    /**
     * The class name of the ND4J backend this JVM runs; starts ND4J if needed.
     *
     * @return e.g. {@code org.nd4j.linalg.cpu.nativecpu.CpuBackend}
     */
    public static String backendClass() {
        return Nd4j.getBackend().getClass().getName();
    }

    /**
     * Fails unless this JVM runs the planned backend.
     *
     * @param plan the plan
     * @throws BackendSelectionException if another backend runs; the message says what to change
     */
    public static void verify(BackendPlan plan) throws BackendSelectionException {
        verify(plan, RunningBackend::backendClass, System.getenv());
    }

    /** The check, with the running backend and the environment as seams. */
    static void verify(BackendPlan plan, Supplier<String> running, Map<String, String> env)
            throws BackendSelectionException {
        String actual = running.get();
        if (actual.equals(plan.backend().backendClass())) {
            return;
        }
        String now = BackendPlan.CPU_PRIORITY + "=" + env.getOrDefault(BackendPlan.CPU_PRIORITY, "<unset>") + " "
                + BackendPlan.GPU_PRIORITY + "=" + env.getOrDefault(BackendPlan.GPU_PRIORITY, "<unset>");
        StringBuilder wanted = new StringBuilder();
        plan.environment().forEach((k, v) -> wanted.append(wanted.length() == 0 ? "" : " ").append(k).append('=').append(v));
        boolean envMatches = plan.environment().entrySet().stream()
                .allMatch(e -> e.getValue().equals(env.get(e.getKey())));
        String why = envMatches
                ? " The environment already asks for " + plan.backend() + ", so ND4J could not start it (look in ND4J's"
                        + " log for 'Skipped [...] backend (unavailable)') and fell back."
                : " ND4J picks its backend once per JVM, from the environment read when it starts (here " + now + ").";
        throw new BackendSelectionException("This JVM runs ND4J backend " + actual + " but the plan asks for "
                + plan.backend() + " (" + plan.backend().backendClass() + ")." + why
                + " Start the JVM with " + wanted + ", or run the work in a child JVM: ChildJvm.of(plan, mainClass).start().");
    }
}
