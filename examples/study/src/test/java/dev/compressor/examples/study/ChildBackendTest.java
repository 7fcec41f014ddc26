package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.jetson.backend.Backend;
import dev.compressor.jetson.backend.BackendPlan;
import dev.compressor.jetson.platform.ClasspathBackends;
import dev.compressor.jetson.platform.Platform;
import dev.compressor.jetson.platform.PlatformDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study's child JVMs get the backend compressor-jetson plans: CUDA on a (fake) Jetson, else the CPU. */
class ChildBackendTest {

    @TempDir
    Path root;

    /** A Jetson AGX Orin's files as the platform detector reads them (JetPack 5, L4T 35.4.1). */
    private Platform agxOrin(boolean cudaBackendOnClasspath) throws IOException {
        write("proc/device-tree/model", "NVIDIA Jetson AGX Orin Developer Kit\0");
        write("proc/device-tree/compatible", "nvidia,p3737-0000+p3701-0005\0nvidia,p3701-0005\0nvidia,tegra234\0");
        write("etc/nv_tegra_release", "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64");
        write("dev/nvhost-ctrl-gpu", "");
        write("usr/lib/aarch64-linux-gnu/tegra/libcuda.so.1.1", "");
        Platform p = PlatformDetector.forRoot(root).withOs("Linux", "aarch64").detect();
        // the user's own ND4J CUDA build for linux-arm64 (Maven Central has none), and nd4j-native
        ClasspathBackends backends = new ClasspathBackends(
                cudaBackendOnClasspath ? List.of(ClasspathBackends.CPU_BACKEND_CLASS, ClasspathBackends.CUDA_BACKEND_CLASS)
                        : List.of(ClasspathBackends.CPU_BACKEND_CLASS),
                true, List.of("linux-arm64"), cudaBackendOnClasspath,
                cudaBackendOnClasspath ? List.of("linux-arm64") : List.of(), Optional.of("1.0.0-M2.1"));
        return new Platform(p.osName(), p.osArch(), p.nativePlatform(), p.jetson(), p.model(), p.soc(),
                p.cudaComputeCapability(), p.l4tRelease(), p.powerMode(), p.cudaDeviceNodes(), p.cudaLibraries(),
                p.cudaVersion(), backends);
    }

    private void write(String rel, String text) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    @Test
    void aJetsonWithACudaBackendRunsTheChildrenOnCuda() throws IOException {
        Platform orin = agxOrin(true);
        assertTrue(orin.jetson(), orin.describe());
        BackendPlan plan = ChildBackend.plan("auto", orin);
        assertEquals(Backend.CUDA, plan.backend(), plan.explain());

        ProcessBuilder child = new SweepRunner(SweepOptions.FULL, plan).childProcess(List.of("--network", "x"), "full");
        assertEquals("100", child.environment().get(BackendPlan.GPU_PRIORITY));
        assertEquals("0", child.environment().get(BackendPlan.CPU_PRIORITY));
        assertTrue(child.command().contains(SweepWorker.class.getName()), child.command().toString());
        assertTrue(child.command().containsAll(SweepOptions.FULL.childJvmArgs()), child.command().toString());
        // one OpenMP thread is a CPU-backend measure; on CUDA the environment is left as it was
        assertEquals(System.getenv(SweepRunner.OMP_THREADS), child.environment().get(SweepRunner.OMP_THREADS));
    }

    @Test
    void withoutACudaBackendAutoFallsBackToTheCpuWithOneThreadAndCudaIsAnError() throws IOException {
        Platform orin = agxOrin(false);
        BackendPlan plan = ChildBackend.plan("auto", orin);
        assertEquals(Backend.CPU, plan.backend());
        assertTrue(plan.fellBack());
        ProcessBuilder child = new SweepRunner(SweepOptions.FULL, plan).childProcess(List.of(), "full");
        assertEquals("100", child.environment().get(BackendPlan.CPU_PRIORITY));
        if (System.getenv(SweepRunner.OMP_THREADS) == null) {
            assertEquals("1", child.environment().get(SweepRunner.OMP_THREADS));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChildBackend.plan("cuda", orin));
        assertTrue(e.getMessage().startsWith("--backend cuda: ") && e.getMessage().contains("linux-arm64"),
                e.getMessage());
    }

    @Test
    void cpuIsPlannedOnRequestAndUnknownChoicesAreRefused() throws IOException {
        Platform orin = agxOrin(true);
        assertEquals(Backend.CPU, ChildBackend.plan("CPU", orin).backend());
        assertFalse(ChildBackend.plan("cpu", orin).fellBack());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChildBackend.plan("tpu", orin));
        assertEquals("--backend must be auto, cpu or cuda, got 'tpu'", e.getMessage());
    }

    @Test
    void thisMachineRunsTheChildrenOnTheCpu() {
        // the build machine has nd4j-native and no GPU: auto plans the CPU, and `study run` says so
        assertEquals(Backend.CPU, ChildBackend.plan("auto").backend());
        assertEquals(2, StudyCli.execute("run", "--backend", "cuda", "--out", root.resolve("o").toString()));
    }
}
