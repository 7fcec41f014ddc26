package dev.compressor.quant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The one-pass int8 quantizer gives the same values, blob, non-zeros and largest error with the
 * Vector API kernels (a child JVM with {@code --add-modules jdk.incubator.vector}) as with the plain
 * loops of this JVM, and the same signal and noise to 5 significant digits.
 */
class OnePassVectorTest {

    @Test
    void vectorFormMatchesThePlainLoopsInAChildJvm() throws Exception {
        String expected = OnePassCheckMain.results();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), OnePassCheckMain.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child did not finish");
        Assumptions.assumeFalse(out.contains("enabled false"),
                "this machine's vectors are narrower than 256 bits: the vector kernels stay off\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("enabled true"), out);
        assertTrue(out.contains(expected), "vector results differ from the plain loops:\n" + expected + "child:\n" + out);
    }
}
