package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.TensorReport;
import dev.compressor.quant.Quantization;
import java.io.PrintStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example: quantize the weights to 8-bit integers with one scale per output channel (symmetric,
 * min-max range), the setting most post-training quantization starts from. The report says, per
 * layer, how many bits each weight takes and how much signal survives (SQNR in dB).
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.Int8PerChannel}
 */
public final class Int8PerChannel {

    /** What the example found: bits per weight and SQNR of all weights, and the top-1 agreement. */
    public record Result(double bitsPerWeight, double sqnrDb, double top1Agreement) {
    }

    private Int8PerChannel() {
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

        CompressionResult int8 = Quantization.int8PerChannel().compress(network);
        out.print(int8.report().toTable());                 // per layer: bits/weight, SQNR, max error

        INDArray images = ExampleNetworks.images(64, 7);
        double agreement = ExampleNetworks.top1Agreement(network.output(images),
                ((MultiLayerNetwork) int8.network()).output(images));
        TensorReport total = int8.report().total();
        out.printf("all tensors: %.2f bits per weight, SQNR %.1f dB, same top-1 class on %.0f %% of the images%n",
                total.bitsPerWeight(), total.sqnrDb(), 100 * agreement);
        return new Result(total.bitsPerWeight(), total.sqnrDb(), agreement);
    }
}
