package dev.compressor.examples.smalltier.image;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Finds the trained fp32 weights of a small network: {@code <id>.dlc} (a zstd-compressed
 * {@link CompressedModel} written by {@link SmallTierTrainCommand}) in a directory, or in this
 * module's resources under {@value #RESOURCES} where the committed weights live.
 *
 * <p>Stateless and thread-safe.
 */
public final class SmallTierWeights {

    /** Classpath folder of the committed trained weights. */
    public static final String RESOURCES = "/smalltier/weights/";

    private SmallTierWeights() {
    }

    /**
     * Loads a network's committed trained weights from the classpath.
     *
     * @param network which network
     * @return the trained graph, or empty if no weights for it are committed
     * @throws IOException if the resource exists but cannot be read or decoded
     */
    public static Optional<ComputationGraph> fromClasspath(SmallNetwork network) throws IOException {
        try (InputStream in = SmallTierWeights.class.getResourceAsStream(RESOURCES + network.id() + ".dlc")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(decode(in.readAllBytes(), network));
        }
    }

    /**
     * Loads a network's trained weights from a directory.
     *
     * @param network which network
     * @param dir a directory written by {@link SmallTierTrainCommand}
     * @return the trained graph, or empty if the directory has no {@code <id>.dlc}
     * @throws IOException if the file exists but cannot be read or decoded
     */
    public static Optional<ComputationGraph> fromDirectory(SmallNetwork network, Path dir) throws IOException {
        Path file = dir.resolve(network.id() + ".dlc");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(decode(Files.readAllBytes(file), network));
    }

    private static ComputationGraph decode(byte[] bytes, SmallNetwork network) throws IOException {
        try {
            return CompressedModel.fromBytes(bytes, ReadLimits.DEFAULT).restoreComputationGraph();
        } catch (ArtifactException e) {
            throw new IOException("trained weights of " + network.id() + " cannot be decoded", e);
        }
    }
}
