package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.prune.Pruning;
import dev.compressor.quant.Quantization;
import java.io.PrintStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Example: compressors chain with {@link Compressor#then}. Global magnitude pruning (one threshold
 * for the whole network) followed by int8 per-channel quantization of the surviving weights: the
 * two savings multiply, because the sparse encoding stores the survivors in the int8 encoding.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.PruneThenQuantize}
 */
public final class PruneThenQuantize {

    /** What the example found: the size ratio to fp32 of pruning, of quantizing, and of both. */
    public record Result(double pruneRatio, double quantizeRatio, double bothRatio) {
    }

    private PruneThenQuantize() {
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

        Compressor prune = Pruning.global(0.8);
        Compressor quantize = Quantization.int8PerChannel();
        Compressor both = prune.then(quantize);

        double pruneRatio = prune.compress(network).report().compressionRatio();
        double quantizeRatio = quantize.compress(network).report().compressionRatio();
        CompressionResult result = both.compress(network);
        double bothRatio = result.report().compressionRatio();

        out.println("settings: " + both.describe());
        out.printf("smaller than fp32: pruned %.2fx, int8 %.2fx, pruned then int8 %.2fx%n",
                pruneRatio, quantizeRatio, bothRatio);
        return new Result(pruneRatio, quantizeRatio, bothRatio);
    }
}
