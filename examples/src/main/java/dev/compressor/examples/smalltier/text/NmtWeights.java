package dev.compressor.examples.smalltier.text;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.ReadLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the trained small translation model written by {@link SmallNmtTrainCommand}: {@value #MODEL}
 * (a zstd {@link CompressedModel}) with its vocabularies {@value #SOURCE_VOCAB} and
 * {@value #TARGET_VOCAB} from a directory. Stateless and thread-safe.
 */
public final class NmtWeights {

    /** File name of the fp32 weights artifact. */
    public static final String MODEL = "nmt.dlc";
    /** File name of the source vocabulary. */
    public static final String SOURCE_VOCAB = "nmt-vocab-src.txt";
    /** File name of the target vocabulary. */
    public static final String TARGET_VOCAB = "nmt-vocab-tgt.txt";
    /** File name of the training record. */
    public static final String RECORD = "nmt.json";

    private NmtWeights() {
    }

    /**
     * Loads the model and its vocabularies from a directory.
     *
     * @param dir a directory written by {@link SmallNmtTrainCommand}
     * @return the model, or empty if the directory has no {@value #MODEL}
     * @throws IOException if a file is missing, unreadable or does not decode, or the vocabulary sizes
     *                     do not match the network
     */
    public static Optional<LoadedNmt> fromDirectory(Path dir) throws IOException {
        Path file = dir.resolve(MODEL);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Vocabulary sv = Vocabulary.read(dir.resolve(SOURCE_VOCAB));
        Vocabulary tv = Vocabulary.read(dir.resolve(TARGET_VOCAB));
        try {
            return Optional.of(new LoadedNmt(
                    CompressedModel.fromBytes(Files.readAllBytes(file), ReadLimits.DEFAULT).restoreComputationGraph(),
                    sv, tv));
        } catch (ArtifactException e) {
            throw new IOException(file + " cannot be decoded", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir + ": " + e.getMessage(), e);
        }
    }
}
