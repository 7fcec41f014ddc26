package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import dev.compressor.prune.Pruning;
import dev.compressor.quant.Quantization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionAccuracyTest {

    @Test
    void identityKeepsAccuracyAndCompressionShrinksTheArtifact() throws IOException {
        ImageSplit test = FashionMnistData.fromClasspath().test().first(100);
        ComputationGraph net = SmallNetwork.VGG8.network(3);
        TopKAccuracy fp32 = ImageEvaluator.evaluate(net, test, 100);
        SettingAccuracy same = CompressionAccuracy.measure(SmallNetwork.VGG8, net, fp32, Compressors.identity(), test);
        assertEquals(fp32, same.accuracy());
        assertEquals(0.0, same.top1DeltaPoints(), 1e-12);
        assertEquals("vgg8", same.network());
        SettingAccuracy int8 = CompressionAccuracy.measure(SmallNetwork.VGG8, net, fp32, Quantization.int8PerChannel(), test);
        assertTrue(int8.artifactBytes() < same.artifactBytes(), int8 + " vs " + same);
        SettingAccuracy pruned = CompressionAccuracy.measure(SmallNetwork.VGG8, net, fp32, Pruning.magnitude(0.9), test);
        assertTrue(pruned.setting().contains("90") || pruned.setting().contains("0.9"), pruned.setting());
        assertTrue(pruned.artifactBytes() < same.artifactBytes() / 2, pruned + " vs " + same);
        assertEquals(100, pruned.accuracy().examples());
    }

    @Test
    void weightsWrittenByTheTrainCommandLoadBack(@TempDir Path dir) throws IOException {
        ComputationGraph net = SmallNetwork.VGG8.network(11);
        assertFalse(SmallTierWeights.fromDirectory(SmallNetwork.VGG8, dir).isPresent());
        Compressors.identity().compress(net).artifact().write(dir.resolve("vgg8.dlc"), OuterCompression.ZSTD);
        ComputationGraph back = SmallTierWeights.fromDirectory(SmallNetwork.VGG8, dir).orElseThrow();
        assertEquals(net.params(), back.params());
        Files.writeString(dir.resolve("resnet11.dlc"), "not an artifact");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> SmallTierWeights.fromDirectory(SmallNetwork.RESNET11, dir));
        assertTrue(e.getMessage().contains("resnet11"), e.getMessage());
    }
}
