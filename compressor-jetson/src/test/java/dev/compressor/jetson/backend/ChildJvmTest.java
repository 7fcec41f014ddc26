package dev.compressor.jetson.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.jetson.platform.ClasspathBackends;
import dev.compressor.jetson.platform.PlatformDetector;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @Test
    void childLaunchedWithCpuPlanRunsTheCpuBackend(@TempDir Path dir) throws Exception {
        BackendPlan plan = BackendSelector.plan(PlatformDetector.forRoot(dir).detect(), BackendRequest.cpu());
        Path out = dir.resolve("child.out");
        Process child = ChildJvm.of(plan, PrintBackendMain.class.getName())
                .withJvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"))
                .processBuilder().redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "child JVM did not finish");
        String output = java.nio.file.Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("env BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0"), output);
        assertTrue(output.contains("backend " + ClasspathBackends.CPU_BACKEND_CLASS), output);
    }

    @Test
    void commandLineIsJavaOptionsClasspathMainArguments() {
        BackendPlan plan = BackendPlan.of(Backend.CPU, false, List.of());
        List<String> cmd = ChildJvm.of(plan, "a.b.Main").withClasspath("x.jar" + File.pathSeparator + "y.jar")
                .withJvmOptions(List.of("-Xmx1g")).withArguments(List.of("--n", "3")).withJava(Path.of("/opt/java"))
                .command();
        assertEquals(List.of("/opt/java", "-Xmx1g", "-cp", "x.jar" + File.pathSeparator + "y.jar", "a.b.Main", "--n", "3"), cmd);
    }

    @Test
    void rejectsNonClassNames() {
        BackendPlan plan = BackendPlan.of(Backend.CPU, false, List.of());
        assertThrows(IllegalArgumentException.class, () -> ChildJvm.of(plan, "not a class"));
        assertThrows(IllegalArgumentException.class, () -> ChildJvm.of(plan, "a..b"));
    }
}
