package dev.compressor.jetson.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvpmodelQueryTest {

    @Test
    void parsesModeAfterWarnings() {
        String out = "NVPM WARN: fan mode is not set!\nNVPM WARN: power mode is not set!\nNV Power Mode: 15W\n1\n";
        assertEquals(Optional.of(new PowerMode("15W", OptionalInt.of(1))), NvpmodelQuery.parse(out));
    }

    @Test
    void modeWithoutIdLineKeepsTheName() {
        assertEquals(Optional.of(new PowerMode("MAXN", OptionalInt.empty())), NvpmodelQuery.parse("NV Power Mode: MAXN\n"));
    }

    @Test
    void unrelatedOutputGivesNothing() {
        assertEquals(Optional.empty(), NvpmodelQuery.parse("nvpmodel: command not found\n"));
        assertEquals(Optional.empty(), NvpmodelQuery.parse("NV Power Mode:\n0\n"));
    }

    @Test
    void failingOrHangingExecutableGivesNothing(@TempDir Path dir) throws Exception {
        Path failing = script(dir.resolve("fail"), "#!/bin/sh\necho 'NV Power Mode: MAXN'\nexit 1\n");
        Path hanging = script(dir.resolve("hang"), "#!/bin/sh\nexec sleep 30\n");

        assertEquals(Optional.empty(), NvpmodelQuery.query(failing, Duration.ofSeconds(5)));
        assertEquals(Optional.empty(), NvpmodelQuery.query(hanging, Duration.ofMillis(300)));
        assertEquals(Optional.empty(), NvpmodelQuery.query(dir.resolve("missing"), Duration.ofSeconds(1)));
    }

    private static Path script(Path p, String text) throws Exception {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
