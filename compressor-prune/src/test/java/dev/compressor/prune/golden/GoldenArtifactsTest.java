package dev.compressor.prune.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RestoreOptions;
import dev.compressor.api.artifact.golden.GoldenFiles;
import dev.compressor.prune.structured.BatchNormFolding;
import dev.compressor.prune.structured.DirectPointwiseConvolution;
import dev.compressor.prune.structured.PointwiseConvolutions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed golden artifacts of compressor-prune (format version 1) still read: the sparse
 * encodings, a channel-pruned network of stock layers, and a channel-pruned artifact written before
 * that, whose configuration names {@link DirectPointwiseConvolution}. Decoded parameters bit for
 * bit, outputs within {@link GoldenFiles#OUTPUT_TOLERANCE}.
 */
class GoldenArtifactsTest {

    /** The consumer check restores copies of these with compressor-api alone. */
    private static final Path CONSUMER_RESOURCES = Path.of("../compressor-api/src/it/consumer/src/test/resources");

    @ParameterizedTest
    @ValueSource(strings = {"sparse-bitmask", "sparse-relative-index", "sparse-mask-rans"})
    void sparseArtifactsOfVersionOneRead(String name) throws Exception {
        CompressedModel m = GoldenFiles.check(name, RestoreOptions.DEFAULT);
        assertEquals(Set.of("compressor-prune"), m.requirements().modules());
    }

    @Test
    void aChannelPrunedArtifactHoldsStockLayersAndTakesTheDirectPathOnRequest() throws Exception {
        CompressedModel m = GoldenFiles.check("channel-pruned", RestoreOptions.DEFAULT);
        assertFalse(m.configJson().contains("dev.compressor"), "stock DL4J layers only");
        assertTrue(m.requirements().isEmpty(), m.requirements().toString());
        RestoreOptions direct = RestoreOptions.DEFAULT.withRewrite(PointwiseConvolutions.rewrite());
        GoldenFiles.check("channel-pruned", direct);
        GoldenFiles.check("channel-pruned", direct.withRewrite(BatchNormFolding::fold)); // a method reference is a rewrite
        MultiLayerNetwork plain = (MultiLayerNetwork) m.restore();
        MultiLayerNetwork fast = (MultiLayerNetwork) m.restore(direct);
        assertEquals(ConvolutionLayer.class, plain.getLayer(1).conf().getLayer().getClass());
        assertInstanceOf(DirectPointwiseConvolution.class, fast.getLayer(1).conf().getLayer());
        assertInstanceOf(DirectPointwiseConvolution.class, fast.getLayer(2).conf().getLayer(), "stride 2");
    }

    @Test
    void anOlderArtifactNamingTheDirectLayerStillReadsWhereCompressorPruneIs() throws Exception {
        CompressedModel legacy = GoldenFiles.check("legacy-channel-pruned-direct-1x1", RestoreOptions.DEFAULT);
        assertTrue(legacy.configJson().contains(DirectPointwiseConvolution.class.getName()));
        assertTrue(legacy.requirements().isEmpty(), "written before requirements were recorded");
        MultiLayerNetwork net = (MultiLayerNetwork) legacy.restore();
        assertInstanceOf(DirectPointwiseConvolution.class, net.getLayer(1).conf().getLayer());
        CompressedModel now = GoldenFiles.check("channel-pruned", RestoreOptions.DEFAULT);
        assertArrayEquals(now.decodeParameters(), legacy.decodeParameters(), "the same pruning, then and now");
    }

    @Test
    void theConsumerCheckRestoresExactlyTheseFiles() throws Exception {
        if (!Files.isDirectory(CONSUMER_RESOURCES)) {
            return; // built outside the repository
        }
        for (String f : List.of("channel-pruned.dlc", "channel-pruned.expected.txt",
                "legacy-channel-pruned-direct-1x1.dlc", "sparse-bitmask.dlc")) {
            assertArrayEquals(GoldenFiles.resource(f), Files.readAllBytes(CONSUMER_RESOURCES.resolve(f)), f);
        }
    }
}
