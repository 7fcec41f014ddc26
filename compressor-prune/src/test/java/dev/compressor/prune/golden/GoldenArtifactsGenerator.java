package dev.compressor.prune.golden;

import static dev.compressor.api.artifact.golden.GoldenArtifactsGenerator.input;
import static dev.compressor.api.artifact.golden.GoldenArtifactsGenerator.mlp;
import static dev.compressor.api.artifact.golden.GoldenArtifactsGenerator.storedAs;

import dev.compressor.api.TensorSelector;
import dev.compressor.api.artifact.golden.GoldenFiles;
import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.prune.Pruning;
import dev.compressor.prune.sparse.SparseEncoders;
import dev.compressor.prune.structured.ChannelPruning;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Writes compressor-prune's golden artifacts (the three sparse encodings, a channel-pruned
 * network), the files committed in {@code src/test/resources/golden/v1/}. Not run by the build:
 * run it by hand only to add a file, never to replace a committed one (see the README.md there):
 * write into an empty directory and copy the new files over. From the repository root, after
 * {@code mvn -o install -DskipTests}:
 *
 * <pre>
 * mvn -o -pl compressor-prune test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.compressor.prune.golden.GoldenArtifactsGenerator \
 *     -Dexec.args=/tmp/golden-new
 * </pre>
 *
 * <p>{@code legacy-channel-pruned-direct-1x1.dlc} is not written here: the library wrote it at
 * commit fa56d1c, before channel pruning wrote stock layers only, and it cannot be made again.
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
        GoldenFiles.write(dir, "sparse-bitmask", "weights 50 % magnitude-pruned, stored as a bitmask with fp32"
                + " values (sparse-bitmask over dense-f32), 16-32-10 MLP, seed 20260101",
                Pruning.magnitude(0.5).then(storedAs("bitmask", TensorSelector.weights(),
                        SparseEncoders.bitmask(DenseEncoders.f32()))).compress(net), input(2, 16));
        GoldenFiles.write(dir, "sparse-relative-index", "weights 90 % magnitude-pruned, stored as relative"
                + " indices with fp16 values (sparse-relative-index over dense-f16), 16-32-10 MLP, seed 20260101",
                Pruning.magnitude(0.9).then(storedAs("relative index", TensorSelector.weights(),
                        SparseEncoders.relativeIndex(DenseEncoders.f16()))).compress(net), input(2, 16));
        GoldenFiles.write(dir, "sparse-mask-rans", "weights 70 % magnitude-pruned, stored as an rANS-coded"
                + " mask with bf16 values (sparse-mask-rans over dense-bf16), 16-32-10 MLP, seed 20260101",
                Pruning.magnitude(0.7).then(storedAs("entropy-coded mask", TensorSelector.weights(),
                        SparseEncoders.entropyMask(DenseEncoders.bf16()))).compress(net), input(2, 16));
        GoldenFiles.write(dir, "channel-pruned", "ChannelPruning.ratio(0.5) of a 3x3 conv, two 1x1 convs (one"
                + " stride 2) and a softmax output on 3x8x8 inputs, seed 42: stock DL4J layers only",
                ChannelPruning.ratio(0.5).compress(convolutional(42)), input(2, 3, 8, 8));
    }

    /**
     * The network of the channel-pruned files: 3x3 convolution (8 filters), 1x1 convolution (8),
     * 1x1 convolution with stride 2 (6), softmax output (3 classes) on 3x8x8 inputs.
     *
     * @param seed the weight-init seed
     * @return the initialised network
     */
    static MultiLayerNetwork convolutional(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(8).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 3)).build());
        net.init();
        return net;
    }
}
