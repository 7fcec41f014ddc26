package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Example: a storage format of your own. An encoding has two halves: a {@link TensorEncoder} that
 * writes a tensor's blob, and a {@link TensorEncoding} that reads it back, found by its id through
 * {@link java.util.ServiceLoader} (this module lists {@link Int16Encoding} in
 * {@code META-INF/services/dev.compressor.api.encoding.TensorEncoding}). A {@link Compressor} puts the
 * encoder on the tensors it chooses and the values they will decode to. Here: 16-bit integers with
 * one step per tensor.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.CustomEncoding}
 */
public final class CustomEncoding {

    /** What the example found: bits per weight, and whether the artifact restores the rounded values. */
    public record Result(double bitsPerWeight, boolean restoresExactly) {
    }

    private CustomEncoding() {
    }

    /** The reading half: a little-endian float step, then one short per value. Stateless. */
    public static final class Int16Encoding implements TensorEncoding {
        /** The id stored in artifacts. */
        public static final String ID = "example-int16";

        @Override public String id() {
            return ID;
        }

        @Override public int version() {
            return 1;
        }

        @Override public void decode(ByteBuffer blob, int blobVersion, TensorLayout layout, float[] dest,
                int destOffset, DecodeContext context) throws CorruptTensorException {
            long expected = 4 + 2L * layout.length();     // never trust a blob: check before reading
            if (blob.remaining() != expected) {
                throw new CorruptTensorException(ID + ": expected " + expected + " bytes, got " + blob.remaining());
            }
            ByteBuffer in = blob.slice().order(ByteOrder.LITTLE_ENDIAN);
            float step = in.getFloat();
            for (int i = 0; i < layout.length(); i++) {
                dest[destOffset + i] = in.getShort() * step;
            }
        }
    }

    /** The compressor: rounds each weight tensor to its int16 grid and gives it the writing half. */
    static final class Int16Weights implements Compressor {
        private static final TensorEncoder ENCODER = new TensorEncoder() {
            @Override public String encodingId() {
                return Int16Encoding.ID;
            }

            @Override public int encodingVersion() {
                return 1;
            }

            @Override public String describe() {
                return "int16, one step per tensor";
            }

            @Override public byte[] encode(FloatTensor tensor) {
                float step = step(tensor.data());
                ByteBuffer out = ByteBuffer.allocate(4 + 2 * tensor.length()).order(ByteOrder.LITTLE_ENDIAN);
                out.putFloat(step);
                for (float v : tensor.data()) {
                    out.putShort((short) Math.round(v / step));
                }
                return out.array();
            }
        };

        @Override public String describe() {
            return "int16 weights";
        }

        @Override public CompressionState apply(CompressionState state) {
            return state.map(TensorSelector.weights(), t -> {
                float[] values = t.values().data();
                float step = step(values);
                float[] rounded = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    rounded[i] = Math.round(values[i] / step) * step;
                }
                return t.withValues(rounded, ENCODER);
            }).withStep(describe());
        }

        private static float step(float[] values) {
            float max = 0;
            for (float v : values) {
                max = Math.max(max, Math.abs(v));
            }
            return max == 0 ? 1 : max / Short.MAX_VALUE;
        }
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
        MultiLayerNetwork restored = CompressedModel.fromBytes(file, ReadLimits.DEFAULT)
                .restoreMultiLayerNetwork();
        boolean exact = restored.params().equals(((MultiLayerNetwork) result.network()).params());

        out.print(result.report().toTable());
        out.printf("%.2f bits per weight; the artifact restores the rounded weights exactly: %s%n",
                result.report().total().bitsPerWeight(), exact);
        return new Result(result.report().total().bitsPerWeight(), exact);
    }
}
