package dev.compressor.examples;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.quant.Quantization;
import dev.compressor.quant.ResidentNetworks;
import java.io.PrintStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example: the resident-quantized runtime. Restored the usual way ({@code DEQUANTIZE_AT_LOAD}),
 * an int8 artifact becomes an ordinary fp32 network: 4 bytes per weight in memory. Restored with
 * {@code RESIDENT_QUANTIZED}, its layers keep the int8 codes and expand them just before each layer
 * runs, in tiles through shared scratch buffers: about a quarter of the weight memory plus the
 * scratch, the same outputs, and a cost in time that depends on the network and the machine
 * (measure it: {@link ProfileWithEnergy}).
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.ResidentInt8}
 */
public final class ResidentInt8 {

    /**
     * What the example found: weight memory dequantized at load; the resident network's encoded
     * weights, shared scratch buffers and weights kept in fp32; the largest output difference.
     */
    public record Result(long atLoadBytes, long encodedBytes, long scratchBytes, long fp32Bytes,
            double maxOutputDifference) {
    }

    private ResidentInt8() {
    }

    /**
     * @param args none
     * @throws ArtifactException if restoring fails
     */
    public static void main(String[] args) throws ArtifactException {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     * @return what it found
     * @throws ArtifactException if restoring fails
     */
    public static Result run(PrintStream out) throws ArtifactException {
        MultiLayerNetwork network = ExampleNetworks.smallCnn(42);
        CompressedModel artifact = Quantization.int8PerChannel().compress(network).artifact();

        Model atLoad = artifact.restore(RuntimeMode.DEQUANTIZE_AT_LOAD);
        // artifact.restore(RuntimeMode.RESIDENT_QUANTIZED) does the same with a scratch buffer of up to
        // 4M weights, sized for large layers; on a network this small a smaller tile budget pays
        Model resident = ResidentNetworks.restore(artifact, 16 * 1024);

        long atLoadBytes = ResidentNetworks.memory(atLoad).totalBytes();
        ResidentNetworks.ResidentMemory memory = ResidentNetworks.memory(resident);
        INDArray images = ExampleNetworks.images(16, 7);
        double difference = ((MultiLayerNetwork) atLoad).output(images)
                .sub(((MultiLayerNetwork) resident).output(images)).amaxNumber().doubleValue();

        out.printf("weight memory, dequantized at load: %,d bytes%n", atLoadBytes);
        out.printf("weight memory, resident int8: %,d bytes (%,d encoded, %,d scratch, %,d kept fp32)%n",
                memory.totalBytes(), memory.encodedBytes(), memory.scratchBytes(), memory.denseBytes());
        out.printf("largest output difference between the two: %.2e%n", difference);
        out.println("the scratch is a fixed cost shared by all layers: resident memory pays off when the weights"
                + " are much larger than one tile");
        return new Result(atLoadBytes, memory.encodedBytes(), memory.scratchBytes(), memory.denseBytes(), difference);
    }
}
