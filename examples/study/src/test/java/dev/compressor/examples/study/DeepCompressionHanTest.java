package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.ArtifactTensor;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.testdata.Tickers;
import dev.compressor.examples.settings.DeepCompressionHan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deep Compression pipeline on a network with VGG-16's 16 weight-layer names at a smaller size
 * (4.9 M weights; the full VGG-16 runs in {@link DeepCompressionHeadline}): Han et al.'s densities
 * exactly, 8-bit and 5-bit codebooks, an artifact within 10 % of its entropy bound that decodes to
 * the values it was written from.
 */
class DeepCompressionHanTest {

    @TempDir
    static Path dir;

    private static CompressionResult result;
    private static Path artifact;

    static MultiLayerNetwork vggNamed() {
        ListBuilder b = new NeuralNetConfiguration.Builder().seed(5).weightInit(WeightInit.RELU).list();
        int width = 384;
        for (String layer : DeepCompressionHan.densities().keySet()) {
            if (layer.startsWith("conv")) {
                b.layer(new DenseLayer.Builder().name(layer).nIn(width).nOut(width).build());
            }
        }
        b.layer(new DenseLayer.Builder().name("fc6").nIn(width).nOut(4096).build());
        b.layer(new DenseLayer.Builder().name("fc7").nIn(4096).nOut(256).build());
        b.layer(new OutputLayer.Builder().name("fc8").nIn(256).nOut(1000).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    @BeforeAll
    static void compress() throws Exception {
        result = DeepCompressionHan.compressor().compress(vggNamed());
        artifact = dir.resolve("han.dlc");
        result.artifact().write(artifact, OuterCompression.NONE);
    }

    @Test
    void keepsExactlyThePublishedDensitiesWithEightAndFiveBitCodebooks() {
        EntropyBound bound = EntropyBound.of(result.state(), result.artifact(), 0);
        assertEquals(16, bound.tensors().size());
        for (EntropyBound.Row r : bound.tensors()) {
            double paper = DeepCompressionHan.density(r.layer());
            assertTrue(r.kept() >= Math.floor(paper * r.length()) && r.kept() <= Math.ceil(paper * r.length()),
                    r.layer() + " keeps " + r.kept() + " of " + r.length() + ", the paper " + paper);
            int bits = DeepCompressionHan.codebookBits(r.layer());
            assertTrue(r.codebook() <= 1 << bits && r.codebook() > (1 << bits) / 2,
                    r.layer() + " uses " + r.codebook() + " entries of a " + bits + "-bit codebook");
        }
        for (ArtifactTensor t : result.artifact().tensors()) {
            if (t.info().paramKey().equals("W")) {
                // near 50 % kept the mask's entropy is ~1 bit per weight: a plain bitmask may be a few bytes smaller
                if (DeepCompressionHan.density(t.info().layerName()) < 0.45) {
                    assertEquals("sparse-mask-rans", t.encodingId(), t.info().layerName());
                } else {
                    assertTrue(t.encodingId().equals("sparse-mask-rans") || t.encodingId().equals("sparse-bitmask"),
                            t.info().layerName() + ": " + t.encodingId());
                }
                assertTrue(t.encodingDescription().contains("rans-codebook"), t.encodingDescription());
            }
        }
    }

    @Test
    void theArtifactIsWithinTenPercentOfItsEntropyBoundAndDecodesExactly() throws Exception {
        EntropyBound bound = EntropyBound.of(result.state(), result.artifact(), Files.size(artifact));
        assertTrue(bound.overhead() <= DeepCompressionHeadline.MAX_OVERHEAD, "artifact " + bound.fileBytes()
                + " B over a bound of " + bound.boundBytes() + " B = " + bound.overhead());
        assertTrue(bound.overhead() >= 1.0 - 1e-3, "an order-0 coder does not beat its own entropy: "
                + bound.overhead());
        assertNull(DeepCompressionHeadline.checkRoundTrip(result, artifact));
    }

    @Test
    void theHeadlineReportsTheBoundAndTheRatiosBesideThePaper() throws Exception {
        EntropyBound bound = EntropyBound.of(result.state(), result.artifact(), Files.size(artifact));
        long params = result.state().parameterCount();
        Headline h = new Headline(bound, params, 4 * params + 1000, 1, 2_000_000, 1, 1, 1, null);
        String md = h.markdown();
        assertTrue(md.contains("| conv3_2 |") && md.contains("| fc8 |"), md);
        assertTrue(md.contains("552 MB to 11.3 MB, 49x"), md);
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "**%.1fx**", 4.0 * params / bound.fileBytes())), md);
        assertTrue(md.contains("decodes exactly to the stored values | yes"), md);
        assertTrue(md.contains("bit-packed indices) | 2,000,000 B (2.00 MB) |"), md);
    }

    @Test
    void theCommandWritesTheHeadlineAndPassesOnAVggNamedNetwork() throws Exception {
        long[] now = {0};
        DeepCompressionHeadline cmd = new DeepCompressionHeadline(seed -> vggNamed(),
                Tickers.of(() -> now[0] += 1_000_000_000L));
        Path out = dir.resolve("cmd");
        assertEquals(0, new picocli.CommandLine(cmd).execute("--out", out.toString(), "--seed", "7"));
        String md = Files.readString(out.resolve("headline.md"));
        assertTrue(md.contains("| compression / write / read-and-verify | 2.0 s / 1.0 s / 1.0 s |"), md);
        assertTrue(md.contains("| decodes exactly to the stored values | yes |"), md);
        assertTrue(Files.size(out.resolve("vgg16-deep-compression-han.dlc")) > 0);
        CompressionResult same = DeepCompressionHan.compressor().compress(vggNamed(), 7);
        long plain = DeepCompressionHeadline.weightBlobBytes(DeepCompressionHan.pruneAndShare()
                .apply(dev.compressor.api.CompressionState.of(vggNamed(), 7)));
        long coded = DeepCompressionHeadline.weightBlobBytes(same.state());
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "bit-packed indices) | %,d B", plain)), md);
        assertTrue(coded < plain * 0.95, "entropy coding saves over 5 %: " + coded + " vs " + plain);
        assertFalse(Files.exists(out.resolve("vgg16-fp32.zip")), "the reference file is removed once measured");
    }

    @Test
    void refusesANetworkWithoutVggLayerNames() {
        MultiLayerNetwork other = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().name("conv1_1").nIn(4).nOut(4).build())
                .layer(new OutputLayer.Builder().name("out").nIn(4).nOut(2).build()).build());
        other.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepCompressionHan.compressor().compress(other));
        assertTrue(e.getMessage().contains("VGG-16"), e.getMessage());
        assertEquals(Map.of("fc6", 0.04), Map.of("fc6", DeepCompressionHan.density("fc6")));
        assertThrows(IllegalArgumentException.class, () -> DeepCompressionHan.density("conv6_1"));
    }
}
