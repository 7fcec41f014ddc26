package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressors;
import java.io.PrintStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example: store every tensor in half precision (fp16). The artifact's tensors take half the bytes;
 * the restored network computes in fp32 again, so only the rounding of the weights changes its
 * outputs.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.Fp16Storage}
 */
public final class Fp16Storage {

    /** What the example found: encoded bytes of fp32 and fp16, and the largest output change. */
    public record Result(long fp32Bytes, long fp16Bytes, double maxOutputChange) {
    }

    private Fp16Storage() {
    }

    /** @param args none */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     * @return what it found
     */
    public static Result run(PrintStream out) {
        MultiLayerNetwork network = ExampleNetworks.smallCnn(42);

        CompressionResult fp32 = Compressors.identity().compress(network);   // the network as it is
        CompressionResult fp16 = Compressors.fp16().compress(network);       // `network` is not changed
        long fp32Bytes = fp32.artifact().encodedBytes();
        long fp16Bytes = fp16.artifact().encodedBytes();

        INDArray images = ExampleNetworks.images(32, 7);
        INDArray before = network.output(images);
        INDArray after = ((MultiLayerNetwork) fp16.network()).output(images);
        double maxChange = before.sub(after).amaxNumber().doubleValue();

        out.printf("fp32 tensors: %,d bytes%n", fp32Bytes);
        out.printf("fp16 tensors: %,d bytes (%.2fx smaller)%n", fp16Bytes, (double) fp32Bytes / fp16Bytes);
        out.printf("largest change of an output probability: %.2e%n", maxChange);
        return new Result(fp32Bytes, fp16Bytes, maxChange);
    }
}
