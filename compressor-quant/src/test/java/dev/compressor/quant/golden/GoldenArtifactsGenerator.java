package dev.compressor.quant.golden;

import static dev.compressor.api.artifact.golden.GoldenArtifactsGenerator.input;
import static dev.compressor.api.artifact.golden.GoldenArtifactsGenerator.mlp;

import dev.compressor.api.artifact.golden.GoldenFiles;
import dev.compressor.quant.EntropyCodedCodebooks;
import dev.compressor.quant.Quantization;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes compressor-quant's golden artifacts (linear int-k packed at 2, 4 and 8 bits, k-means
 * codebook, entropy-coded codebook), the files committed in {@code src/test/resources/golden/v1/}.
 * Not run by the build: run it by hand only to add a file, never to replace a committed one (see
 * the README.md there): write into an empty directory and copy the new files over. From the
 * repository root, after {@code mvn -o install -DskipTests}:
 *
 * <pre>
 * mvn -o -pl compressor-quant test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.compressor.quant.golden.GoldenArtifactsGenerator \
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
        INDArray in = input(2, 16);
        String mlp = ", 16-32-10 MLP, seed 20260101";
        GoldenFiles.write(dir, "linear-int2", "weights linear 2-bit, symmetric, per output channel (linear-int)"
                + mlp, Quantization.linear(2).symmetric().perChannel().build().compress(net), in);
        GoldenFiles.write(dir, "linear-int4", "weights linear 4-bit, asymmetric, per tensor (linear-int)" + mlp,
                Quantization.linear(4).asymmetric().perTensor().build().compress(net), in);
        GoldenFiles.write(dir, "linear-int8", "weights linear 8-bit, symmetric, per output channel (linear-int)"
                + mlp, Quantization.int8PerChannel().compress(net), in);
        GoldenFiles.write(dir, "codebook-kmeans4", "weights k-means, 16 centroids per tensor (codebook)" + mlp,
                Quantization.kmeans(4).build().compress(net), in);
        GoldenFiles.write(dir, "codebook-rans", "weights k-means, 16 centroids, indices rANS-coded (codebook-rans)"
                + mlp, Quantization.kmeans(4).build().then(new EntropyCodedCodebooks()).compress(net), in);
    }
}
