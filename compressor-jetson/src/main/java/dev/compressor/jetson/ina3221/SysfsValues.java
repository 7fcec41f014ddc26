package dev.compressor.jetson.ina3221;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Integer sysfs attributes kept open for a measurement and re-read with {@code pread} at offset 0,
 * which makes sysfs produce a fresh value each time (as polling a GPIO value file does); this costs
 * a fraction of an open-read-close per sample. Not thread-safe: one sampling thread at a time.
 */
final class SysfsValues implements AutoCloseable {

    private final Path[] paths;
    private final FileChannel[] channels;
    private final ByteBuffer buffer = ByteBuffer.allocate(64);

    /**
     * Opens every file.
     *
     * @throws IOException if one cannot be opened; the message names it, and files already opened are closed
     */
    SysfsValues(List<Path> files) throws IOException {
        paths = files.toArray(Path[]::new);
        channels = new FileChannel[paths.length];
        for (int i = 0; i < paths.length; i++) {
            try {
                channels[i] = FileChannel.open(paths[i]);
            } catch (IOException e) {
                close();
                throw new IOException("cannot open " + paths[i] + ": " + describe(e), e);
            }
        }
    }

    /**
     * Reads file {@code i}: a decimal integer, possibly padded with blanks, then a line end.
     *
     * @throws IOException if it cannot be read or holds no integer; the message names the file
     */
    long read(int i) throws IOException {
        buffer.clear();
        try {
            channels[i].read(buffer, 0); // one pread: a sysfs value (and a small file) comes whole
        } catch (IOException e) {
            throw new IOException("cannot read " + paths[i] + ": " + describe(e), e);
        }
        return parse(buffer, paths[i]);
    }

    /** Path of file {@code i}. */
    Path path(int i) {
        return paths[i];
    }

    @Override
    public void close() {
        for (FileChannel ch : channels) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // nothing left to release
                }
            }
        }
    }

    static long parse(ByteBuffer buf, Path file) throws IOException {
        int n = buf.position();
        int i = 0;
        while (i < n && isSpace(buf.get(i))) {
            i++;
        }
        boolean negative = i < n && buf.get(i) == '-';
        if (negative) {
            i++;
        }
        int start = i;
        long v = 0;
        while (i < n && buf.get(i) >= '0' && buf.get(i) <= '9' && i - start < 18) {
            v = v * 10 + (buf.get(i) - '0');
            i++;
        }
        if (i == start || (i < n && !isSpace(buf.get(i)))) {
            byte[] raw = new byte[Math.min(n, 32)];
            buf.get(0, raw);
            throw new IOException("not an integer in " + file + ": '" + new String(raw, StandardCharsets.US_ASCII).strip() + "'");
        }
        return negative ? -v : v;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == 0;
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " " + e.getMessage();
    }
}
