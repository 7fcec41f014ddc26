package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.quant.Quantization;
import java.io.PrintStream;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Example: weight sharing with k-means (the quantization step of Han et al.'s Deep Compression).
 * Each weight tensor keeps only 2^bits distinct values, the cluster centres; the artifact stores
 * the centres once and a short index per weight.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.KMeansWeightSharing}
 */
public final class KMeansWeightSharing {

    /** What the example found: distinct values in the dense layer's weights, and bits per weight. */
    public record Result(long distinctDenseWeights, double bitsPerWeight) {
    }

    private KMeansWeightSharing() {
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

        CompressionResult shared = Quantization.kmeans(4).build().compress(network);   // 16 values per tensor

        MultiLayerNetwork restored = (MultiLayerNetwork) shared.network();
        int dense = 7;                                        // the DenseLayer's index in smallCnn
        float[] weights = restored.getLayer(dense).getParam("W").ravel().toFloatVector();
        long distinct = Arrays.stream(box(weights)).distinct().count();
        double bits = shared.report().total().bitsPerWeight();
        out.printf("dense layer: %,d weights, %d distinct values%n", weights.length, distinct);
        out.printf("all tensors: %.2f bits per weight (fp32: 32)%n", bits);
        return new Result(distinct, bits);
    }

    private static Float[] box(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
