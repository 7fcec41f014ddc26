package dev.compressor.examples.smalltier.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IdxReaderTest {

    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(0x0800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    @Test
    void readsPlainAndGzippedFiles() throws IOException {
        byte[] data = {1, 2, 3, 4, 5, (byte) 200};
        byte[] raw = idx(new int[] {3, 2}, data);
        for (byte[] file : new byte[][] {raw, gzip(raw)}) {
            IdxReader.IdxBytes a = IdxReader.read(new ByteArrayInputStream(file), "x");
            assertArrayEquals(new int[] {3, 2}, a.dims());
            assertArrayEquals(data, a.data());
            assertEquals(3, a.count());
            assertEquals(200, a.data()[5] & 0xff);
        }
    }

    @Test
    void rejectsBadMagicTypeRankAndDimensions() {
        byte[] notIdx = {1, 2, 8, 1, 0, 0, 0, 1, 9};
        assertTrue(message(notIdx).contains("not an IDX file"), message(notIdx));
        byte[] floats = {0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0};
        assertTrue(message(floats).contains("element type 0xd is not supported"), message(floats));
        byte[] rank0 = {0, 0, 8, 0};
        assertTrue(message(rank0).contains("rank 0"), message(rank0));
        byte[] zeroDim = idx(new int[] {0}, new byte[0]);
        assertTrue(message(zeroDim).contains("dimension 0 is 0"), message(zeroDim));
    }

    @Test
    void rejectsTruncatedPlainAndGzippedFiles() throws IOException {
        byte[] raw = idx(new int[] {10, 28, 28}, new byte[7840]);
        byte[] shortRaw = Arrays.copyOf(raw, raw.length - 1);
        assertTrue(message(shortRaw).contains("truncated IDX file"), message(shortRaw));
        byte[] gz = gzip(raw);
        byte[] shortGz = Arrays.copyOf(gz, gz.length / 2);
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(new ByteArrayInputStream(shortGz), "g"));
        assertTrue(e.getMessage().contains("g: truncated") || e.getMessage().contains("end of ZLIB"), e.getMessage());
        assertTrue(message(new byte[0]).contains("truncated"), message(new byte[0]));
    }

    private static String message(byte[] file) {
        return assertThrows(IOException.class, () -> IdxReader.read(new ByteArrayInputStream(file), "f")).getMessage();
    }
}
