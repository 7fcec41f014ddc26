package dev.compressor.examples.smalltier.text;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the trained small translation model written by {@link SmallNmtTrainCommand}: {@value #MODEL}
 * (a zstd {@link CompressedModel}) with its vocabularies {@value #SOURCE_VOCAB} and
 * {@value #TARGET_VOCAB} from a directory, or the committed ones from the classpath under
 * {@value #RESOURCES}. Stateless and thread-safe.
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
    /** Classpath folder of the committed trained weights (the same folder as the image networks'). */
    public static final String RESOURCES = "/smalltier/weights/";

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
        return Optional.of(decode(Files.readAllBytes(file), sv, tv, file.toString(), dir.toString()));
    }

    /**
     * Loads the committed model and its vocabularies from the classpath ({@value #RESOURCES}).
     *
     * @return the model, or empty if the classpath has no {@value #MODEL} there
     * @throws IOException if a vocabulary is missing or malformed, the model does not decode, or the
     *                     vocabulary sizes do not match the network
     */
    public static Optional<LoadedNmt> fromClasspath() throws IOException {
        byte[] model = resource(MODEL);
        if (model == null) {
            return Optional.empty();
        }
        Vocabulary sv = Vocabulary.parse(required(SOURCE_VOCAB), "classpath:" + RESOURCES + SOURCE_VOCAB);
        Vocabulary tv = Vocabulary.parse(required(TARGET_VOCAB), "classpath:" + RESOURCES + TARGET_VOCAB);
        return Optional.of(decode(model, sv, tv, "classpath:" + RESOURCES + MODEL, "classpath:" + RESOURCES));
    }

    /**
     * Whether the committed model is on the classpath.
     *
     * @return true if {@value #RESOURCES}{@value #MODEL} exists
     */
    public static boolean onClasspath() {
        return NmtWeights.class.getResource(RESOURCES + MODEL) != null;
    }

    private static LoadedNmt decode(byte[] model, Vocabulary sv, Vocabulary tv, String file, String where)
            throws IOException {
        try {
            return new LoadedNmt(CompressedModel.fromBytes(model, ReadLimits.DEFAULT).restoreComputationGraph(), sv, tv);
        } catch (ArtifactException e) {
            throw new IOException(file + " cannot be decoded", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NmtWeights.class.getResourceAsStream(RESOURCES + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static byte[] required(String name) throws IOException {
        byte[] b = resource(name);
        if (b == null) {
            throw new IOException("classpath:" + RESOURCES + name + " is missing next to " + MODEL);
        }
        return b;
    }
}
