package dev.compressor.api.energy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one small text file (a sysfs attribute); a seam so tests can simulate permission errors. */
@FunctionalInterface
interface SysfsReader {

    /** Reads files with {@link Files#readString}. */
    SysfsReader FILES = file -> Files.readString(file, StandardCharsets.US_ASCII);

    /**
     * Reads a whole file.
     *
     * @param file the file
     * @return its text, untrimmed
     * @throws IOException if it cannot be read ({@link java.nio.file.AccessDeniedException} when
     *     permission is denied)
     */
    String read(Path file) throws IOException;
}
