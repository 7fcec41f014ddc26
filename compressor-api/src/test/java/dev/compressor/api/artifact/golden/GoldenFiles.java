package dev.compressor.api.artifact.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.ArtifactTensor;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.artifact.RestoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes golden artifacts with their expectations (for the generators) and checks committed ones
 * against theirs (for the tests). The files lie in a module's {@code src/test/resources/golden/v1/}
 * ({@link #RESOURCE_DIR} on the test class path); see the README.md there.
 */
public final class GoldenFiles {

    /** Where golden files of format version 1 lie on the test class path. */
    public static final String RESOURCE_DIR = "/golden/v1/";

    /**
     * The tolerance of a restored network's outputs: {@code |actual - expected| <= 1e-5 + 1e-4 |expected|}.
     * ND4J's kernels may round differently on another CPU or version; decoded parameters, computed
     * by this library alone, must match exactly.
     */
    public static final double OUTPUT_TOLERANCE = 1e-5;

    private static final double RELATIVE_TOLERANCE = 1e-4;

    private GoldenFiles() {
    }

    /**
     * Writes {@code <name>.dlc} and {@code <name>.expected.txt} into a directory: the result's
     * artifact, then what reading it back gives (decoded parameters, the output of the restored
     * network on {@code input}).
     *
     * @param dir the directory, created if missing
     * @param name the file name without extension
     * @param description one line saying what the file holds
     * @param result the compression result
     * @param input an input for the network
     * @return the expectation written
     * @throws IOException if writing fails
     * @throws ArtifactException if the written file does not read back
     */
    public static GoldenExpectation write(Path dir, String name, String description, CompressionResult result,
            INDArray input) throws IOException, ArtifactException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".dlc");
        result.artifact().write(file);
        CompressedModel m = CompressedModel.read(file);
        INDArray out = output(m.restore(), input);
        GoldenExpectation e = new GoldenExpectation(List.of(description, "written by a GoldenArtifactsGenerator,"
                + " checked by a GoldenArtifactsTest: see README.md"), formatVersion(Files.readAllBytes(file)),
                encodings(m), List.copyOf(m.requirements().modules()), m.decodeParameters(), input.shape(),
                input.dup('c').data().asFloat(), out.shape(), out.dup('c').data().asFloat());
        Files.writeString(dir.resolve(name + ".expected.txt"), e.toText(), StandardCharsets.UTF_8);
        return e;
    }

    /**
     * Checks a committed golden artifact: its header's format version, the encodings and required
     * modules its manifest names, its decoded parameters (exactly) and the restored network's
     * output (within {@link #OUTPUT_TOLERANCE}).
     *
     * @param name the file name without extension, under {@link #RESOURCE_DIR}
     * @param options how to restore it
     * @return the artifact read
     * @throws Exception if reading fails (an assertion error if a value differs)
     */
    public static CompressedModel check(String name, RestoreOptions options) throws Exception {
        byte[] bytes = resource(name + ".dlc");
        GoldenExpectation e = GoldenExpectation.parse(new String(resource(name + ".expected.txt"),
                StandardCharsets.UTF_8));
        if (e.format() >= 0) {
            assertEquals(e.format(), formatVersion(bytes), name + ": header format version");
        }
        CompressedModel m = CompressedModel.fromBytes(bytes, ReadLimits.DEFAULT);
        if (e.encodings() != null) {
            assertEquals(e.encodings(), encodings(m), name + ": encodings in the manifest");
        }
        if (e.requires() != null) {
            assertEquals(e.requires(), List.copyOf(m.requirements().modules()), name + ": required modules");
        }
        assertArrayEquals(e.parameters(), m.decodeParameters(), name + ": decoded parameters, bit for bit");
        INDArray input = Nd4j.create(e.input(), e.inputShape(), 'c');
        INDArray out = output(m.restore(options), input);
        assertArrayEquals(e.outputShape(), out.shape(), name + ": output shape");
        assertClose(e.output(), out.dup('c').data().asFloat(), name);
        return m;
    }

    /**
     * Asserts that outputs agree within {@link #OUTPUT_TOLERANCE}.
     *
     * @param expected the stored output
     * @param actual the computed output
     * @param what for the message
     */
    public static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": output length");
        for (int i = 0; i < expected.length; i++) {
            double tol = OUTPUT_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(expected[i]);
            double diff = Math.abs((double) expected[i] - actual[i]);
            int at = i;
            assertTrue(diff <= tol, () -> what + ": output " + at + " is " + actual[at] + ", expected "
                    + expected[at] + " (tolerance " + tol + ")");
        }
    }

    /**
     * A committed golden file's bytes.
     *
     * @param fileName the name under {@link #RESOURCE_DIR}
     * @return the bytes
     * @throws IOException if it cannot be read
     */
    public static byte[] resource(String fileName) throws IOException {
        try (InputStream in = GoldenFiles.class.getResourceAsStream(RESOURCE_DIR + fileName)) {
            assertNotNull(in, "no golden file " + RESOURCE_DIR + fileName + " on the test class path");
            return in.readAllBytes();
        }
    }

    /** The format version in an artifact's header (bytes 8-9, big-endian). */
    static int formatVersion(byte[] file) {
        return Short.toUnsignedInt(ByteBuffer.wrap(file).getShort(8));
    }

    private static List<String> encodings(CompressedModel m) {
        List<String> ids = new ArrayList<>();
        for (ArtifactTensor t : m.tensors()) {
            ids.add(t.encodingId());
        }
        return List.copyOf(new TreeSet<>(ids));
    }

    private static INDArray output(Model net, INDArray input) {
        if (net instanceof MultiLayerNetwork m) {
            return m.output(input);
        }
        return ((ComputationGraph) net).outputSingle(input);
    }
}
