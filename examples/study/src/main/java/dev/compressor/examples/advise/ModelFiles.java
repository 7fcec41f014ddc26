package dev.compressor.examples.advise;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Loads a saved model, telling the format by its first bytes: a DL4J {@code ModelSerializer} zip
 * ({@code PK}; a MultiLayerNetwork or ComputationGraph, told apart by its configuration) or a
 * compressor artifact (its magic {@code \x89DLC}, restored with fp32 weights). Stateless.
 */
final class ModelFiles {

    private static final byte[] ARTIFACT_MAGIC = {(byte) 0x89, 'D', 'L', 'C'};

    private ModelFiles() {
    }

    /**
     * Loads a model.
     *
     * @param file the file
     * @return the network
     * @throws IllegalArgumentException if the file is missing or in neither format, naming it
     * @throws IOException if it cannot be read
     */
    static Model load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("model file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model " + file + " is not a regular file");
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K') {
            return loadZip(file);
        }
        if (n == 4 && java.util.Arrays.equals(head, ARTIFACT_MAGIC)) {
            try {
                return CompressedModel.read(file).restore();
            } catch (ArtifactException e) {
                throw new IllegalArgumentException("model " + file + " is a damaged compressor artifact: "
                        + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("model " + file + " is neither a DL4J ModelSerializer zip nor a "
                + "compressor artifact (.dlc): it starts with " + hex(head, n));
    }

    private static Model loadZip(Path file) throws IOException {
        String config;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entry = zip.getEntry("configuration.json");
            if (entry == null || zip.getEntry("coefficients.bin") == null) {
                throw new IllegalArgumentException("model " + file + " is a zip but not a DL4J ModelSerializer "
                        + "model (no configuration.json and coefficients.bin)");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException("model " + file + " is not a readable zip: " + e.getMessage(), e);
        }
        try {
            return config.contains("\"vertices\"") ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model " + file + " could not be restored by ModelSerializer: "
                    + e.getMessage(), e);
        }
    }

    private static String hex(byte[] b, int n) {
        if (n == 0) {
            return "nothing (empty file)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x ", b[i] & 0xff));
        }
        return sb.toString().trim();
    }
}
