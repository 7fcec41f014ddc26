package dev.compressor.jetson.backend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.jetson.platform.ClasspathBackends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunningBackendTest {

    private final BackendPlan cudaPlan = BackendPlan.of(Backend.CUDA, false, List.of("test"));
    private final BackendPlan cpuPlan = BackendPlan.of(Backend.CPU, false, List.of("test"));

    @Test
    void matchingBackendPasses() {
        assertDoesNotThrow(() -> RunningBackend.verify(cpuPlan, () -> ClasspathBackends.CPU_BACKEND_CLASS, Map.of()));
    }

    @Test
    void mismatchSaysWhichVariablesToSet() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> RunningBackend.verify(cudaPlan, () -> ClasspathBackends.CPU_BACKEND_CLASS, Map.of()));
        String m = e.getMessage();
        assertTrue(m.contains("runs ND4J backend " + ClasspathBackends.CPU_BACKEND_CLASS), m);
        assertTrue(m.contains("BACKEND_PRIORITY_CPU=<unset> BACKEND_PRIORITY_GPU=<unset>"), m);
        assertTrue(m.contains("Start the JVM with BACKEND_PRIORITY_CPU=0 BACKEND_PRIORITY_GPU=100"), m);
        assertTrue(m.contains("ChildJvm"), m);
    }

    @Test
    void mismatchDespiteRightEnvironmentSaysNd4jCouldNotStartIt() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> RunningBackend.verify(cudaPlan, () -> ClasspathBackends.CPU_BACKEND_CLASS, cudaPlan.environment()));
        assertTrue(e.getMessage().contains("could not start it"), e.getMessage());
    }
}
