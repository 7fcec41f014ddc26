package dev.compressor.jetson.ina3221;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads integer sysfs attributes with one reusable buffer: open, one read, close (sysfs computes
 * the value on each open). Not thread-safe: one instance per sampling thread.
 */
final class SysfsValue {

    private final ByteBuffer buffer = ByteBuffer.allocate(64);

    /**
     * Reads a file holding a decimal integer and a line end.
     *
     * @throws IOException if the file cannot be opened or read, or holds no integer; the message names the file
     */
    long read(Path file) throws IOException {
        buffer.clear();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && ch.read(buffer) > 0) {
                // sysfs attributes are shorter than the buffer; regular files may need several reads
            }
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + describe(e), e);
        }
        buffer.flip();
        int n = buffer.limit();
        int i = 0;
        while (i < n && isSpace(buffer.get(i))) {
            i++;
        }
        boolean negative = i < n && buffer.get(i) == '-';
        if (negative) {
            i++;
        }
        int start = i;
        long v = 0;
        while (i < n && buffer.get(i) >= '0' && buffer.get(i) <= '9' && i - start < 18) {
            v = v * 10 + (buffer.get(i) - '0');
            i++;
        }
        if (i == start || (i < n && !isSpace(buffer.get(i)))) {
            byte[] raw = new byte[Math.min(n, 32)];
            buffer.get(0, raw);
            throw new IOException("not an integer in " + file + ": '" + new String(raw, java.nio.charset.StandardCharsets.US_ASCII).strip() + "'");
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
