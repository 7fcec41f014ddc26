package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.prune.structured.ChannelPruning;
import java.io.PrintStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example: structured (channel) pruning. Half of the filters of every prunable convolution and half
 * of the dense layer's units, those with the smallest L1 norm, are removed, and the network is
 * rebuilt smaller: fewer parameters and fewer operations with DL4J's ordinary kernels. The output
 * layer keeps its 10 classes.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.RemoveChannels}
 */
public final class RemoveChannels {

    /** What the example found: parameters before and after, and the output's number of classes. */
    public record Result(long parametersBefore, long parametersAfter, long outputClasses) {
    }

    private RemoveChannels() {
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

        CompressionResult result = ChannelPruning.ratio(0.5).compress(network);
        MultiLayerNetwork smaller = (MultiLayerNetwork) result.network();

        for (int i = 0; i < network.getnLayers(); i++) {
            Layer before = network.getLayer(i);
            Layer after = smaller.getLayer(i);
            if (before.numParams() > 0) {
                out.printf("layer %d (%s): %,d -> %,d parameters%n", i,
                        before.getClass().getSimpleName(), before.numParams(), after.numParams());
            }
        }
        INDArray output = smaller.output(ExampleNetworks.images(4, 7));
        out.printf("network: %,d -> %,d parameters; output shape [%d, %d]%n",
                network.numParams(), smaller.numParams(), output.size(0), output.size(1));
        return new Result(network.numParams(), smaller.numParams(), output.size(1));
    }
}
