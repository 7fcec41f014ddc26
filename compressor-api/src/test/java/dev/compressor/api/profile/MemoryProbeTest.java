package dev.compressor.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryProbeTest {

    @TempDir
    Path dir;

    @Test
    void readsVmRssInKibibytes() throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n");
        assertEquals(123456L * 1024, MemoryProbe.residentFromProc(status));
    }

    @Test
    void missingOrMalformedStatusGivesMinusOne() throws Exception {
        assertEquals(-1, MemoryProbe.residentFromProc(dir.resolve("absent")));
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\n");
        assertEquals(-1, MemoryProbe.residentFromProc(status));
        Files.writeString(status, "VmRSS:\tlots kB\n");
        assertEquals(-1, MemoryProbe.residentFromProc(status));
    }

    @Test
    void snapshotOfThisProcess() {
        MemoryUse m = MemoryProbe.snapshot();
        assertTrue(m.resident().isPresent() && m.residentBytes() > 1 << 20, m.toString());
        assertTrue(m.offHeap().isPresent(), m.toString());
        assertTrue(m.heapUsedBytes() > 0, m.toString());
    }

    @Test
    void aTickerThatGoesBackwardsIsRejected() {
        LatencyRecorder r = new LatencyRecorder();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.record(-5));
        assertTrue(e.getMessage().contains("went backwards by 5 ns"), e.getMessage());
    }
}
