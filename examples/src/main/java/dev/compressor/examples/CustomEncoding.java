package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import java.io.PrintStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Example: a storage format of your own. An encoding has two halves, a {@code TensorEncoder} that
 * writes a tensor's blob and a {@code TensorEncoding} that reads it back ({@link Int16Encoding}: 16-bit
 * integers with one step per tensor). A {@link Compressor} puts the encoder on the tensors it chooses,
 * with the values they will decode to; the artifact then restores anywhere the encoding is installed.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.CustomEncoding}
 */
public final class CustomEncoding {

    /** What the example found: bits per weight, and whether the artifact restores the rounded values. */
    public record Result(double bitsPerWeight, boolean restoresExactly) {
    }

    /** The compressor: rounds each weight tensor to its int16 grid and gives it the writing half. */
    static final class Int16Weights implements Compressor {
        @Override public String describe() {
            return "int16 weights";
        }

        @Override public CompressionState apply(CompressionState state) {
            return state.map(TensorSelector.weights(), t -> {
                float[] values = t.values().data();
                float step = Int16Encoding.step(values);
                float[] rounded = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    rounded[i] = Math.round(values[i] / step) * step;
                }
                return t.withValues(rounded, Int16Encoding.ENCODER);
            }).withStep(describe());
        }
    }

    private CustomEncoding() {
    }

    /**
     * @param args none
     * @throws ArtifactException if the artifact does not restore
     */
    public static void main(String[] args) throws ArtifactException {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     * @return what it found
     * @throws ArtifactException if the artifact does not restore
     */
    public static Result run(PrintStream out) throws ArtifactException {
        MultiLayerNetwork network = ExampleNetworks.smallCnn(42);
        CompressionResult result = new Int16Weights().compress(network);

        byte[] file = result.artifact().toBytes(OuterCompression.NONE);
        MultiLayerNetwork restored = CompressedModel.fromBytes(file, ReadLimits.DEFAULT).restoreMultiLayerNetwork();
        boolean exact = restored.params().equals(((MultiLayerNetwork) result.network()).params());

        out.print(result.report().toTable());          // the encoding column names the encoder: int16
        out.printf("%.2f bits per weight; the artifact restores the rounded weights exactly: %s%n",
                result.report().total().bitsPerWeight(), exact);
        return new Result(result.report().total().bitsPerWeight(), exact);
    }
}
