package dev.compressor.examples.smalltier.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoCatalogTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = MoCatalogTest.class.getResourceAsStream("/smalltier/mo/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    static MoCatalog handmade() throws IOException {
        return MoCatalog.parse(resource("handmade-le.mo"), "handmade-le.mo");
    }

    @Test
    void parsesContextPluralAndHeaderOfAHandMadeCatalog() throws IOException {
        MoCatalog c = handmade();
        assertEquals(8, c.entries().size());
        assertEquals(StandardCharsets.UTF_8, c.charset());
        assertTrue(c.header().contains("Plural-Forms: nplurals=2"), c.header());
        MoEntry menu = find(c, "menu", "File");
        assertEquals("Datei", menu.translation());
        MoEntry plain = find(c, null, "File");
        assertEquals("Akte", plain.translation());
        MoEntry plural = find(c, null, "one file");
        assertTrue(plural.isPlural());
        assertEquals("many files", plural.originalPlural());
        assertEquals(List.of("eine Datei", "viele Dateien"), plural.translations());
        assertEquals("Öffne die Datei", find(c, null, "Open the file").translation());
        assertEquals("erste Zeile\nzweite Zeile\n", find(c, null, "first line\nsecond line\n").translation());
    }

    @Test
    void bigEndianCatalogParsesToTheSameEntries() throws IOException {
        MoCatalog be = MoCatalog.parse(resource("handmade-be.mo"), "handmade-be.mo");
        assertEquals(handmade().entries(), be.entries());
    }

    @Test
    void readsARealCatalogFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sed.mo");
        Files.write(file, resource("sed.mo"));
        MoCatalog sed = MoCatalog.read(file);
        // msgunfmt sed.mo | grep -c '^msgid ' gives 138 (header included); one message has plurals.
        assertEquals(138, sed.entries().size());
        assertEquals(1, sed.entries().stream().filter(MoEntry::isPlural).count());
        assertTrue(sed.header().contains("Project-Id-Version: sed"), sed.header());
        assertEquals("Kein vorheriger regulärer Ausdruck", find(sed, null, "No previous regular expression").translation());
        assertEquals("Fehlender Befehl", find(sed, null, "missing command").translation());
        assertNull(find(sed, null, "missing command").context());
    }

    @Test
    void everyTruncationIsRejectedWithAMoFormatException() throws IOException {
        byte[] full = resource("handmade-le.mo");
        for (int len = 0; len < full.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(full, len);
            int l = len;
            MoFormatException e = assertThrows(MoFormatException.class, () -> MoCatalog.parse(cut, "cut"), () -> "length " + l);
            assertTrue(e.getMessage().startsWith("cut: "), e.getMessage());
        }
    }

    @Test
    void truncatedHeaderSaysSo() {
        MoFormatException e = assertThrows(MoFormatException.class, () -> MoCatalog.parse(new byte[10], "x.mo"));
        assertEquals("x.mo: truncated: 10 bytes, a .mo header needs 28", e.getMessage());
    }

    @Test
    void badMagicIsRejected() throws IOException {
        byte[] b = resource("handmade-le.mo");
        b[0] = 'P';
        MoFormatException e = assertThrows(MoFormatException.class, () -> MoCatalog.parse(b, "m"));
        assertTrue(e.getMessage().contains("not a .mo catalog"), e.getMessage());
    }

    @Test
    void unsupportedMajorRevisionIsRejected() throws IOException {
        byte[] b = resource("handmade-le.mo");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2 << 16);
        MoFormatException e = assertThrows(MoFormatException.class, () -> MoCatalog.parse(b, "m"));
        assertTrue(e.getMessage().contains("unsupported major revision 2"), e.getMessage());
    }

    @Test
    void tableOrStringPastTheEndIsRejected() throws IOException {
        byte[] b = resource("handmade-le.mo");
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(8, 1_000_000);
        MoFormatException count = assertThrows(MoFormatException.class, () -> MoCatalog.parse(b, "m"));
        assertTrue(count.getMessage().contains("original table of 1000000 entries"), count.getMessage());

        byte[] c = resource("handmade-le.mo");
        ByteBuffer cb = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        int translations = cb.getInt(16);
        cb.putInt(translations + 4, c.length - 2); // string 0 of the translation table: offset near the end
        MoFormatException str = assertThrows(MoFormatException.class, () -> MoCatalog.parse(c, "m"));
        assertTrue(str.getMessage().contains("translation string 0"), str.getMessage());
    }

    @Test
    void missingNulTerminatorIsRejected() throws IOException {
        byte[] b = resource("handmade-le.mo");
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int originals = buf.getInt(12);
        int len = buf.getInt(originals + 8); // original string 1
        buf.putInt(originals + 8, len - 1);
        MoFormatException e = assertThrows(MoFormatException.class, () -> MoCatalog.parse(b, "m"));
        assertTrue(e.getMessage().contains("not NUL-terminated"), e.getMessage());
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        byte[] b = resource("handmade-le.mo");
        int at = indexOf(b, "Akte".getBytes(StandardCharsets.UTF_8));
        b[at] = (byte) 0xff;
        MoFormatException e = assertThrows(MoFormatException.class, () -> MoCatalog.parse(b, "m"));
        assertTrue(e.getMessage().contains("is not valid utf-8"), e.getMessage());
    }

    @Test
    void randomCorruptionEitherParsesOrThrowsMoFormatException() throws IOException {
        byte[] full = resource("handmade-le.mo");
        Random r = new Random(42);
        int rejected = 0;
        for (int trial = 0; trial < 2000; trial++) {
            byte[] b = full.clone();
            for (int k = 0; k <= r.nextInt(3); k++) {
                b[r.nextInt(Math.min(b.length, 28 + 16 * 8))] = (byte) r.nextInt(256);
            }
            try {
                MoCatalog.parse(b, "fuzz");
            } catch (MoFormatException e) {
                rejected++;
            }
        }
        assertTrue(rejected > 100, "only " + rejected + " of 2000 corrupted headers/tables rejected");
    }

    @Test
    void parsedHeaderBytesMatchTheFileLayout() throws IOException {
        byte[] b = resource("handmade-be.mo");
        assertArrayEquals(new byte[] {(byte) 0x95, 0x04, 0x12, (byte) 0xde}, java.util.Arrays.copyOf(b, 4));
        assertEquals(0, MoCatalog.parse(b, "be").revision());
    }

    static MoEntry find(MoCatalog c, String context, String original) {
        return c.entries().stream()
                .filter(e -> e.original().equals(original) && java.util.Objects.equals(e.context(), context))
                .findFirst().orElseThrow(() -> new AssertionError("no entry " + context + "/" + original));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
