package dev.compressor.examples.smalltier.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    private static final List<List<String>> SENTENCES = List.of(
            List.of("Datei", "öffnen", "."), List.of("Datei", "schließen", "."), List.of("Die", "Datei", "!"));

    @Test
    void buildOrdersByCountThenTokenAfterTheReservedIds() {
        Vocabulary v = Vocabulary.build(SENTENCES, 1, 100);
        assertEquals(List.of("<pad>", "<s>", "</s>", "<unk>", "Datei", ".", "!", "Die", "schließen", "öffnen"),
                v.tokens());
        assertEquals(4, v.id("Datei"));
        assertEquals(Vocabulary.UNK_ID, v.id("datei"), "case is kept");
        assertArrayEquals(new int[] {7, 4, 3}, v.encode(List.of("Die", "Datei", "fehlt")));
        assertEquals("öffnen", v.token(9));
        assertTrue(v.contains("Die"));
        assertFalse(v.contains("fehlt"));
        assertThrows(IllegalArgumentException.class, () -> v.token(10));
    }

    @Test
    void minCountAndCapLimitTheTokens() {
        assertEquals(List.of("<pad>", "<s>", "</s>", "<unk>", "Datei", "."), Vocabulary.build(SENTENCES, 2, 100).tokens());
        assertEquals(List.of("<pad>", "<s>", "</s>", "<unk>", "Datei"), Vocabulary.build(SENTENCES, 1, 5).tokens());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(SENTENCES, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(SENTENCES, 1, 4));
    }

    @Test
    void roundTripsThroughAUtf8File(@TempDir Path dir) throws IOException {
        Vocabulary v = Vocabulary.build(SENTENCES, 1, 100);
        Path file = dir.resolve("vocab.txt");
        v.write(file);
        assertEquals("<pad>\n<s>\n</s>\n<unk>\nDatei\n.\n!\nDie\nschließen\nöffnen\n",
                Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(v.tokens(), Vocabulary.read(file).tokens());
    }

    @Test
    void rejectsBadFilesNamingTheProblem(@TempDir Path dir) throws IOException {
        assertBad(dir, "<pad>\n<s>\n</s>\n<unk>\nDatei".getBytes(StandardCharsets.UTF_8), "final newline");
        assertBad(dir, "".getBytes(StandardCharsets.UTF_8), "final newline");
        assertBad(dir, "<pad>\n<s>\n<unk>\n</s>\nDatei\n".getBytes(StandardCharsets.UTF_8), "line 3");
        assertBad(dir, "<pad>\n<s>\n</s>\n<unk>\nDatei\nDatei\n".getBytes(StandardCharsets.UTF_8), "duplicate token 'Datei'");
        assertBad(dir, "<pad>\n<s>\n</s>\n<unk>\nzwei Wörter\n".getBytes(StandardCharsets.UTF_8), "line 5");
        assertBad(dir, "<pad>\n<s>\n</s>\n<unk>\n\nDatei\n".getBytes(StandardCharsets.UTF_8), "line 5");
        assertBad(dir, "<pad>\n<s>\n</s>\n<unk>\n".getBytes(StandardCharsets.UTF_8), "at least 5");
        assertBad(dir, new byte[] {'<', 'p', 'a', 'd', '>', '\n', (byte) 0xff, '\n'}, "not UTF-8");
    }

    private static void assertBad(Path dir, byte[] content, String expected) throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, content);
        IOException e = assertThrows(IOException.class, () -> Vocabulary.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
