package dev.compressor.quant.golden;

import static dev.compressor.api.artifact.golden.GoldenArtifactsGenerator.mlp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.compressor.api.CompressionResult;
import dev.compressor.quant.EntropyCodedCodebooks;
import dev.compressor.quant.Quantization;
import java.io.InputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * The k-means quantizer still writes the committed golden k-means artifacts byte for byte: the
 * codebook shortcut for already shared tensors ({@code KMeans1D.distinctAtMost}) changes nothing for
 * tensors with more distinct values than centroids.
 */
class KMeansArtifactsUnchangedTest {

    private static byte[] committed(String name) throws Exception {
        try (InputStream in = KMeansArtifactsUnchangedTest.class.getResourceAsStream("/golden/v1/" + name + ".dlc")) {
            return in.readAllBytes();
        }
    }

    private static void check(String name, CompressionResult fresh) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile(name, ".dlc");
        try {
            fresh.artifact().write(file);
            assertArrayEquals(committed(name), java.nio.file.Files.readAllBytes(file), name + " byte for byte");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void kmeansArtifactsAreTheCommittedOnes() throws Exception {
        MultiLayerNetwork net = mlp(20260101);
        check("codebook-kmeans4", Quantization.kmeans(4).build().compress(net));
        check("codebook-rans", Quantization.kmeans(4).build().then(new EntropyCodedCodebooks()).compress(net));
    }
}
