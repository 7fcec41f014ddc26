package dev.compressor.api.artifact.golden;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.api.encoding.TensorEncoder;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Writes compressor-api's golden artifacts (dense f32, f16, bf16), the files committed in
 * {@code src/test/resources/golden/v1/}. Not run by the build: run it by hand only to add a file,
 * never to replace a committed one (see the README.md there): write into an empty directory and
 * copy the new files over. From the repository root, after {@code mvn -o install -DskipTests}:
 *
 * <pre>
 * mvn -o -pl compressor-api test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.compressor.api.artifact.golden.GoldenArtifactsGenerator \
 *     -Dexec.args=/tmp/golden-new
 * </pre>
 */
public final class GoldenArtifactsGenerator {

    private GoldenArtifactsGenerator() {
    }

    /**
     * Writes the files.
     *
     * @param args the output directory
     * @throws Exception if writing fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GoldenArtifactsGenerator <output directory>");
        }
        Path dir = Path.of(args[0]);
        MultiLayerNetwork net = mlp(20260101);
        INDArray input = input(2, 16);
        GoldenFiles.write(dir, "dense-f32", "every tensor dense fp32 (dense-f32), 16-32-10 MLP, seed 20260101",
                storedAs("f32", DenseEncoders.f32()).compress(net), input);
        GoldenFiles.write(dir, "dense-f16", "every tensor IEEE binary16 (dense-f16), 16-32-10 MLP, seed 20260101",
                storedAs("f16", DenseEncoders.f16()).compress(net), input);
        GoldenFiles.write(dir, "dense-bf16", "every tensor bfloat16 (dense-bf16), 16-32-10 MLP, seed 20260101",
                storedAs("bf16", DenseEncoders.bf16()).compress(net), input);
    }

    /**
     * A 16-32-10 multi-layer perceptron (ReLU, softmax) with Xavier weights from a seed.
     *
     * @param seed the seed
     * @return the initialised network
     */
    public static MultiLayerNetwork mlp(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(16).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * A deterministic input, {@code sin(0.37 i)} in C order, independent of ND4J's random generator.
     *
     * @param shape the shape
     * @return the input
     */
    public static INDArray input(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.37);
        }
        return Nd4j.create(v, shape, 'c');
    }

    /**
     * Stores every tensor with one encoder (the encoder rounds the values; the state keeps them).
     *
     * @param name the description
     * @param encoder the encoder
     * @return the compressor
     */
    public static Compressor storedAs(String name, TensorEncoder encoder) {
        return storedAs(name, TensorSelector.all(), encoder);
    }

    /**
     * Stores the selected tensors with one encoder.
     *
     * @param name the description
     * @param selector which tensors
     * @param encoder the encoder
     * @return the compressor
     */
    public static Compressor storedAs(String name, TensorSelector selector, TensorEncoder encoder) {
        return new Compressor() {
            @Override
            public String describe() {
                return name;
            }

            @Override
            public CompressionState apply(CompressionState state) {
                return state.map(selector, t -> t.withEncoder(encoder)).withStep(name);
            }
        };
    }
}
