package dev.compressor.jetson.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathBackendsTest {

    /** A class loader that records every class asked of it. */
    private static final class RecordingLoader extends URLClassLoader {
        final List<String> loaded = new ArrayList<>();

        RecordingLoader(URL[] urls) {
            super(urls, null);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            loaded.add(name);
            return super.loadClass(name, resolve);
        }
    }

    private static void touch(Path root, String rel, String content) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void findsAUserBuiltArm64CudaBackendFromResourcesAloneLoadingNoClass(@TempDir Path dir) throws Exception {
        // what a user's own nd4j-cuda build for linux-arm64 puts on the classpath (contents do not matter)
        touch(dir, "org/nd4j/linalg/jcublas/JCublasBackend.class", "not really a class");
        touch(dir, "org/nd4j/linalg/jcublas/bindings/linux-arm64/libjnind4jcuda.so", "");
        touch(dir, "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class", "not really a class");
        touch(dir, "org/nd4j/linalg/cpu/nativecpu/bindings/linux-arm64/libjnind4jcpu.so", "");
        touch(dir, "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend",
                "# comment\norg.nd4j.linalg.jcublas.JCublasBackend\n\norg.nd4j.linalg.cpu.nativecpu.CpuBackend # trailing\n");
        touch(dir, "META-INF/maven/org.nd4j/nd4j-api/pom.properties", "version=1.0.0-M2.1\n");
        try (RecordingLoader loader = new RecordingLoader(new URL[] {dir.toUri().toURL()})) {
            ClasspathBackends b = ClasspathBackends.scan(loader);

            assertEquals(List.of(ClasspathBackends.CUDA_BACKEND_CLASS, ClasspathBackends.CPU_BACKEND_CLASS),
                    b.registeredBackends());
            assertTrue(b.cudaClasses());
            assertEquals(List.of("linux-arm64"), b.cudaNativePlatforms());
            assertTrue(b.cudaFor("linux-arm64"));
            assertFalse(b.cudaFor("linux-x86_64"));
            assertTrue(b.cpuFor("linux-arm64"));
            assertEquals(Optional.of("1.0.0-M2.1"), b.nd4jVersion());
            assertEquals(List.of(), loader.loaded, "scanning must not load (let alone initialise) any class");
        }
    }

    @Test
    void emptyClasspathHasNoBackend(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            ClasspathBackends b = ClasspathBackends.scan(loader);
            assertFalse(b.cpuClasses());
            assertFalse(b.cudaClasses());
            assertEquals(List.of(), b.registeredBackends());
            assertEquals(Optional.empty(), b.nd4jVersion());
            assertEquals("1.0.0-M2.1", b.nd4jVersionOrDefault());
        }
    }
}
