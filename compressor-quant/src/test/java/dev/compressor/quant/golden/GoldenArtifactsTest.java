package dev.compressor.quant.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RestoreOptions;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.api.artifact.golden.GoldenFiles;
import dev.compressor.quant.ResidentNetworks;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed golden artifacts of compressor-quant's encodings (format version 1) still read,
 * restored both ways: weights decoded at load, and resident-quantized (whose layers read the blobs
 * themselves). Decoded parameters bit for bit, outputs within {@link GoldenFiles#OUTPUT_TOLERANCE}.
 */
class GoldenArtifactsTest {

    @ParameterizedTest
    @ValueSource(strings = {"linear-int2", "linear-int4", "linear-int8", "codebook-kmeans4", "codebook-rans"})
    void quantizedArtifactsOfVersionOneRead(String name) throws Exception {
        CompressedModel m = GoldenFiles.check(name, RestoreOptions.DEFAULT);
        assertEquals(Set.of("compressor-quant"), m.requirements().modules());
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear-int2", "linear-int4", "linear-int8", "codebook-kmeans4", "codebook-rans"})
    void quantizedArtifactsOfVersionOneRestoreResident(String name) throws Exception {
        CompressedModel m = GoldenFiles.check(name, RestoreOptions.of(RuntimeMode.RESIDENT_QUANTIZED));
        assertTrue(ResidentNetworks.memory(m.restore(RuntimeMode.RESIDENT_QUANTIZED)).encodedBytes() > 0,
                "the weights stay encoded");
    }
}
