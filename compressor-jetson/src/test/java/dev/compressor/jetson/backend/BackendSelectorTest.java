package dev.compressor.jetson.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.jetson.platform.ClasspathBackends;
import dev.compressor.jetson.platform.Platform;
import dev.compressor.jetson.platform.PlatformDetector;
import dev.compressor.jetson.testing.FixtureTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendSelectorTest {

    private static final ClasspathBackends CPU_ARM64 = new ClasspathBackends(List.of(ClasspathBackends.CPU_BACKEND_CLASS),
            true, List.of("linux-arm64"), false, List.of(), Optional.of("1.0.0-M2.1"));
    private static final ClasspathBackends CPU_X86_ONLY = new ClasspathBackends(List.of(ClasspathBackends.CPU_BACKEND_CLASS),
            true, List.of("linux-x86_64"), false, List.of(), Optional.of("1.0.0-M2.1"));
    private static final ClasspathBackends CPU_AND_CUDA_X86 = new ClasspathBackends(
            List.of(ClasspathBackends.CPU_BACKEND_CLASS, ClasspathBackends.CUDA_BACKEND_CLASS),
            true, List.of("linux-x86_64"), true, List.of("linux-x86_64"), Optional.of("1.0.0-M2.1"));

    @TempDir
    Path dir;

    private Platform tx2(ClasspathBackends b) {
        Platform p = PlatformDetector.forRoot(FixtureTree.materialize("tx2-jp4.tree", dir)).withOs("Linux", "aarch64").detect();
        return with(p, b);
    }

    private Platform x86(ClasspathBackends b) {
        Platform p = PlatformDetector.forRoot(FixtureTree.materialize("x86-host.tree", dir)).withOs("Linux", "amd64").detect();
        return with(p, b);
    }

    private static Platform with(Platform p, ClasspathBackends b) {
        return new Platform(p.osName(), p.osArch(), p.nativePlatform(), p.jetson(), p.model(), p.soc(),
                p.cudaComputeCapability(), p.l4tRelease(), p.powerMode(), p.cudaDeviceNodes(), p.cudaLibraries(),
                p.cudaVersion(), b);
    }

    @Test
    void cpuPlanSetsNd4jPriorities() throws Exception {
        BackendPlan plan = BackendSelector.plan(tx2(CPU_ARM64), BackendRequest.cpu());
        assertEquals(Backend.CPU, plan.backend());
        assertEquals(Map.of("BACKEND_PRIORITY_CPU", "100", "BACKEND_PRIORITY_GPU", "0"), plan.environment());
        assertFalse(plan.fellBack());
        ProcessBuilder pb = plan.applyTo(new ProcessBuilder("true"));
        assertEquals("100", pb.environment().get("BACKEND_PRIORITY_CPU"));
        assertEquals("0", pb.environment().get("BACKEND_PRIORITY_GPU"));
    }

    @Test
    void cudaOnJetsonWithoutArm64CudaBuildExplainsMavenCentral() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> BackendSelector.plan(tx2(CPU_ARM64), BackendRequest.cuda()));
        assertTrue(e.getMessage().contains("Maven Central publishes no ND4J CUDA build for linux-arm64"), e.getMessage());
        assertTrue(e.getMessage().contains("CUDA compute capability 6.2"), e.getMessage());
        assertTrue(e.getMessage().contains("BackendRequest.cudaOrCpu()"), e.getMessage());
    }

    @Test
    void cudaOrCpuOnJetsonFallsBackToCpuWithTheReason() throws Exception {
        BackendPlan plan = BackendSelector.plan(tx2(CPU_ARM64), BackendRequest.cudaOrCpu());
        assertEquals(Backend.CPU, plan.backend());
        assertTrue(plan.fellBack());
        assertTrue(plan.reasons().get(0).contains("Maven Central"), plan.reasons().toString());
        assertTrue(plan.explain().contains("fallback from CUDA"), plan.explain());
    }

    @Test
    void cpuOnArm64WithOnlyX86BinariesNamesTheClassifier() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> BackendSelector.plan(tx2(CPU_X86_ONLY), BackendRequest.cpu()));
        assertTrue(e.getMessage().contains("with classifier linux-arm64"), e.getMessage());
        assertTrue(e.getMessage().contains("[linux-x86_64]"), e.getMessage());
    }

    @Test
    void missingNd4jNativeIsAnError() {
        ClasspathBackends none = new ClasspathBackends(List.of(), false, List.of(), false, List.of(), Optional.empty());
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> BackendSelector.plan(tx2(none), BackendRequest.cudaOrCpu()));
        assertTrue(e.getMessage().contains("nd4j-native is not on the classpath"), e.getMessage());
        assertTrue(e.getMessage().contains("CUDA was asked for first"), e.getMessage());
    }

    @Test
    void cudaChosenWhereBackendDeviceAndDriverExist() throws Exception {
        BackendPlan plan = BackendSelector.plan(x86(CPU_AND_CUDA_X86), BackendRequest.cuda());
        assertEquals(Backend.CUDA, plan.backend());
        assertEquals(Map.of("BACKEND_PRIORITY_CPU", "0", "BACKEND_PRIORITY_GPU", "100"), plan.environment());
    }

    @Test
    void cudaOnJetsonWithTheUsersOwnArm64BuildIsChosen() throws Exception {
        ClasspathBackends own = new ClasspathBackends(List.of(ClasspathBackends.CUDA_BACKEND_CLASS), true,
                List.of("linux-arm64"), true, List.of("linux-arm64"), Optional.of("1.0.0-M2.1"));
        BackendPlan plan = BackendSelector.plan(tx2(own), BackendRequest.cudaOrCpu());
        assertEquals(Backend.CUDA, plan.backend());
        assertFalse(plan.fellBack());
    }

    @Test
    void cudaWithoutDeviceNodeFallsBack() throws Exception {
        Platform p = x86(CPU_AND_CUDA_X86);
        Platform noDevice = new Platform(p.osName(), p.osArch(), p.nativePlatform(), false, p.model(), p.soc(),
                p.cudaComputeCapability(), p.l4tRelease(), p.powerMode(), List.of(), p.cudaLibraries(), p.cudaVersion(),
                p.backends());
        BackendPlan plan = BackendSelector.plan(noDevice, BackendRequest.cudaOrCpu());
        assertEquals(Backend.CPU, plan.backend());
        assertTrue(plan.reasons().get(0).contains("No CUDA device node"), plan.reasons().toString());
    }

    @Test
    void cudaOnX86WithoutCudaJarNamesTheArtifact() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> BackendSelector.plan(x86(CPU_X86_ONLY), BackendRequest.cuda()));
        assertTrue(e.getMessage().contains("org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1 with classifier linux-x86_64"), e.getMessage());
    }
}
