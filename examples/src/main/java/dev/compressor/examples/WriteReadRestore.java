package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.quant.Quantization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example: write a compressed network to a file, read it back and restore a runnable network. The
 * file is written atomically (zstd by default); reading checks every checksum and limit and either
 * returns the whole model or throws {@link ArtifactException} saying what is wrong, never part of a
 * model. The restored network computes exactly what the compressed network computed.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.WriteReadRestore}
 */
public final class WriteReadRestore {

    /** What the example found: the file's size, whether outputs match exactly, the corrupt file's problem. */
    public record Result(long fileBytes, boolean sameOutputs, ArtifactException.Problem corruptProblem) {
    }

    private WriteReadRestore() {
    }

    /**
     * @param args optional: the directory to write into (default: a new temporary directory)
     * @throws Exception if writing or reading fails
     */
    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("compressor-example"), System.out);
    }

    /**
     * Runs the example.
     *
     * @param dir an existing directory to write the files into
     * @param out where to print
     * @return what it found
     * @throws IOException if a file cannot be written
     * @throws ArtifactException if the intact file cannot be read (it can)
     */
    public static Result run(Path dir, PrintStream out) throws IOException, ArtifactException {
        MultiLayerNetwork network = ExampleNetworks.smallCnn(42);
        CompressionResult int8 = Quantization.int8PerChannel().compress(network);

        Path file = dir.resolve("small-cnn-int8.dlc");
        int8.artifact().write(file);
        MultiLayerNetwork restored = CompressedModel.read(file).restoreMultiLayerNetwork();

        INDArray images = ExampleNetworks.images(16, 7);
        boolean same = restored.output(images).equals(((MultiLayerNetwork) int8.network()).output(images));
        out.printf("wrote %s: %,d bytes; restored outputs identical: %s%n", file.getFileName(), Files.size(file), same);

        byte[] bytes = Files.readAllBytes(file);              // flip one byte in the middle of the file
        bytes[bytes.length / 2] ^= 0x40;
        Path corrupt = Files.write(dir.resolve("corrupt.dlc"), bytes);
        ArtifactException.Problem problem = null;
        try {
            CompressedModel.read(corrupt);
        } catch (ArtifactException e) {
            problem = e.problem();
            out.println("corrupt copy rejected: " + problem + ": " + e.getMessage());
        }
        return new Result(Files.size(file), same, problem);
    }
}
