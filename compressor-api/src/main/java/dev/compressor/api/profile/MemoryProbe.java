package dev.compressor.api.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Takes {@link MemoryUse} snapshots from JavaCPP, {@code /proc/self/status} and the JVM. Stateless. */
final class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryProbe() {
    }

    static MemoryUse snapshot() {
        Runtime rt = Runtime.getRuntime();
        return new MemoryUse(offHeap(), resident(), rt.totalMemory() - rt.freeMemory());
    }

    private static long offHeap() {
        try {
            return org.bytedeco.javacpp.Pointer.totalBytes();
        } catch (LinkageError e) {
            return -1;
        }
    }

    private static long resident() {
        try {
            long rss = org.bytedeco.javacpp.Pointer.physicalBytes();
            if (rss > 0) {
                return rss;
            }
        } catch (LinkageError e) {
            // JavaCPP's native library is not loaded: read /proc instead
        }
        return residentFromProc(STATUS);
    }

    /**
     * Reads {@code VmRSS} from a {@code /proc/<pid>/status} file.
     *
     * @return bytes, or -1 if the file or the line is missing
     */
    static long residentFromProc(Path status) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
