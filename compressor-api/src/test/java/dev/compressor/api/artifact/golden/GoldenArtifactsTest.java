package dev.compressor.api.artifact.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RestoreOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed golden artifacts of compressor-api's encodings (format version 1) still read: the
 * decoded parameters bit for bit, the restored network's outputs within
 * {@link GoldenFiles#OUTPUT_TOLERANCE}. A failure means a change broke files users already have.
 */
class GoldenArtifactsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dense-f32", "dense-f16", "dense-bf16"})
    void denseArtifactsOfVersionOneRead(String name) throws Exception {
        CompressedModel m = GoldenFiles.check(name, RestoreOptions.DEFAULT);
        assertTrue(m.requirements().isEmpty(), "compressor-api alone restores " + name);
        assertEquals(874, m.parameterCount());
    }
}
