package dev.compressor.jetson.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.jetson.testing.FixtureTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformDetectorTest {

    @TempDir
    Path dir;

    @Test
    void detectsTx2FromFixtureRoot() {
        Path root = FixtureTree.materialize("tx2-jp4.tree", dir);
        Platform p = PlatformDetector.forRoot(root).withOs("Linux", "aarch64").detect();

        assertTrue(p.jetson());
        assertEquals("linux-arm64", p.nativePlatform());
        assertEquals(Optional.of("quill"), p.model());
        assertEquals(Optional.of("tegra186"), p.soc());
        assertEquals(Optional.of("6.2"), p.cudaComputeCapability());
        assertEquals(Optional.of("32.7.1"), p.l4tRelease());
        assertEquals(Optional.of(new PowerMode("MAXN", OptionalInt.of(0))), p.powerMode());
        assertEquals(List.of(root.resolve("dev/nvhost-ctrl-gpu")), p.cudaDeviceNodes());
        assertEquals(List.of("libcuda.so.1.1", "libcudart.so.10.2.300"),
                p.cudaLibraries().stream().map(f -> f.getFileName().toString()).sorted().toList());
        assertEquals(Optional.of("10.2.300"), p.cudaVersion());
        assertTrue(p.cudaUsable());
        assertTrue(p.describe().contains("SoC tegra186"), p.describe());
    }

    @Test
    void detectsAgxOrinWithNvpmodelWarnings() {
        Path root = FixtureTree.materialize("agx-orin-jp5.tree", dir);
        Platform p = PlatformDetector.forRoot(root).withOs("Linux", "aarch64").detect();

        assertTrue(p.jetson());
        assertEquals(Optional.of("NVIDIA Jetson AGX Orin Developer Kit"), p.model());
        assertEquals(Optional.of("tegra234"), p.soc());
        assertEquals(Optional.of("8.7"), p.cudaComputeCapability());
        assertEquals(Optional.of("35.4.1"), p.l4tRelease());
        assertEquals(Optional.of(new PowerMode("MODE_30W", OptionalInt.of(2))), p.powerMode());
        assertEquals(Optional.of("11.4.19"), p.cudaVersion());
        assertTrue(p.cudaUsable());
    }

    @Test
    void plainX86HostIsNotAJetson() {
        Path root = FixtureTree.materialize("x86-host.tree", dir);
        Platform p = PlatformDetector.forRoot(root).withOs("Linux", "amd64").detect();

        assertFalse(p.jetson());
        assertEquals("linux-x86_64", p.nativePlatform());
        assertEquals(Optional.empty(), p.model());
        assertEquals(Optional.empty(), p.soc());
        assertEquals(Optional.empty(), p.cudaComputeCapability());
        assertEquals(Optional.empty(), p.l4tRelease());
        assertEquals(Optional.empty(), p.powerMode());
        assertEquals(List.of(root.resolve("dev/nvidia0"), root.resolve("dev/nvidiactl")), p.cudaDeviceNodes());
        assertEquals(Optional.of("11.6.2"), p.cudaVersion());
        assertTrue(p.cudaUsable());
    }

    @Test
    void emptyRootHasNothing() {
        Platform p = PlatformDetector.forRoot(dir).withOs("Linux", "aarch64").detect();
        assertFalse(p.jetson());
        assertTrue(p.cudaDeviceNodes().isEmpty());
        assertTrue(p.cudaLibraries().isEmpty());
        assertFalse(p.cudaUsable());
    }

    @Test
    void findsTheTestClasspathBackendWithoutInitialisingNd4j() {
        ClasspathBackends b = PlatformDetector.forRoot(dir).detect().backends();
        String here = PlatformDetector.nativePlatform(System.getProperty("os.name"), System.getProperty("os.arch"));

        assertTrue(b.cpuClasses());
        assertTrue(b.cpuFor(here), "nd4j-native binaries for " + here + ": " + b.cpuNativePlatforms());
        assertFalse(b.cudaClasses());
        assertEquals(List.of(ClasspathBackends.CPU_BACKEND_CLASS), b.registeredBackends());
        assertEquals(Optional.of("1.0.0-M2.1"), b.nd4jVersion());
    }

    @Test
    void mapsOsAndArchToNd4jPlatformNames() {
        assertEquals("linux-arm64", PlatformDetector.nativePlatform("Linux", "aarch64"));
        assertEquals("linux-x86_64", PlatformDetector.nativePlatform("Linux", "amd64"));
        assertEquals("linux-armhf", PlatformDetector.nativePlatform("Linux", "arm"));
        assertEquals("macosx-arm64", PlatformDetector.nativePlatform("Mac OS X", "aarch64"));
        assertEquals("windows-x86_64", PlatformDetector.nativePlatform("Windows 11", "amd64"));
    }

    @Test
    void parsesL4tReleaseLines() {
        assertEquals(Optional.of("35.4.1"), BoardFiles.parseL4tRelease(
                "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: x"));
        assertEquals(Optional.of("28.1.0"), BoardFiles.parseL4tRelease("# R28 (release), REVISION: 1.0, GCID: 9"));
        assertEquals(Optional.of("36.3.0"), BoardFiles.parseL4tRelease("# R36 (release), REVISION: 3.0, GCID: 36191598"));
        assertEquals(Optional.empty(), BoardFiles.parseL4tRelease("garbage"));
    }
}
