package dev.compressor.quant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels give the same codes, values and ranges as the plain loops. This JVM runs
 * without {@code jdk.incubator.vector} (the default), so the library's plain loops run here; a
 * child JVM started with {@code --add-modules jdk.incubator.vector} runs {@link SimdCheckMain},
 * which compares the kernels one by one and hashes an end-to-end encode and decode that must equal
 * this JVM's.
 */
class SimdKernelsTest {

    @Test
    void withoutTheModuleThePlainLoopsRun() {
        assertFalse(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the test JVM must run without --add-modules jdk.incubator.vector");
        assertFalse(SimdSupport.enabled());
        assertTrue(SimdSupport.describe().startsWith("scalar loops"), SimdSupport.describe());
    }

    @Test
    void vectorKernelsMatchThePlainLoopsInAChildJvm() throws Exception {
        String expected = SimdCheckMain.endToEnd();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), SimdCheckMain.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = readAll(p);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child did not finish");
        Assumptions.assumeFalse(out.contains("enabled false"),
                "this machine's vectors are narrower than 256 bits: the vector kernels stay off\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("enabled true"), out);
        assertTrue(out.contains("failures 0"), out);
        assertTrue(out.contains("hashes " + expected), "end-to-end results differ from the plain loops\n" + out);
    }

    private static String readAll(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
