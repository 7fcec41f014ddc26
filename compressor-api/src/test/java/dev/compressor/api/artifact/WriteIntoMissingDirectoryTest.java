package dev.compressor.api.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.testdata.TestNetworks;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing an artifact where its directory is missing names the target, not the hidden temporary file. */
class WriteIntoMissingDirectoryTest {

    private static final CompressedModel MODEL = Compressors.fp16().compress(TestNetworks.smallMln(4)).artifact();

    @Test
    void aMissingDirectoryIsNamedWithTheTarget(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("missing").resolve("x.dlc");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MODEL.write(target));
        assertEquals(target.toAbsolutePath().toString(), e.getFile());
        assertEquals(target.toAbsolutePath() + ": its directory " + dir.resolve("missing").toAbsolutePath()
                + " does not exist; create it first (Files.createDirectories)", e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("missing")), "nothing is created");
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsNamedToo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain.txt"), "not a directory");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MODEL.write(file.resolve("x.dlc")));
        assertTrue(e.getMessage().startsWith(file.resolve("x.dlc").toAbsolutePath() + ": its directory " + file
                + " is not a directory"), e.getMessage());
    }

    @Test
    void anExistingDirectoryIsWrittenAsBefore(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("x.dlc");
        MODEL.write(target);
        assertEquals(MODEL.parameterCount(), CompressedModel.read(target).parameterCount());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
