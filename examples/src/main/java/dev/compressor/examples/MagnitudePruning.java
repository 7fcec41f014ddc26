package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.prune.Pruning;
import java.io.PrintStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example: unstructured magnitude pruning. In every weight tensor the 70 % of weights with the
 * smallest magnitude become zero; the artifact stores the survivors and a mask. The network keeps
 * its shape (so it is not faster on dense kernels: see {@link RemoveChannels} for that).
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.MagnitudePruning}
 */
public final class MagnitudePruning {

    /** What the example found: the weights' sparsity, the size ratio to fp32 and the top-1 agreement. */
    public record Result(double sparsity, double compressionRatio, double top1Agreement) {
    }

    private MagnitudePruning() {
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

        CompressionResult pruned = Pruning.magnitude(0.7).compress(network);

        INDArray images = ExampleNetworks.images(64, 7);
        double agreement = ExampleNetworks.top1Agreement(network.output(images),
                ((MultiLayerNetwork) pruned.network()).output(images));
        double sparsity = pruned.report().total().sparsity();
        double ratio = pruned.report().compressionRatio();
        out.printf("zero weights: %.1f %%, artifact tensors %.2fx smaller than fp32%n", 100 * sparsity, ratio);
        out.printf("same top-1 class as the unpruned network on %.0f %% of the images%n", 100 * agreement);
        return new Result(sparsity, ratio, agreement);
    }
}
