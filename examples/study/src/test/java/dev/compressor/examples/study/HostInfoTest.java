package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostInfoTest {

    @Test
    void provenanceNamesTheCpusAndTheLoadAverage() {
        assumeTrue(Files.isReadable(Path.of("/proc/loadavg")), "needs Linux /proc");
        Map<String, String> m = HostInfo.provenance();
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), m.get("host.cpus"));
        String load = m.get("host.load.average");
        assertTrue(load.matches("\\d+\\.\\d+ \\d+\\.\\d+ \\d+\\.\\d+"), load);
    }
}
