package dev.compressor.api.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.ArtifactException.Problem;
import dev.compressor.api.testdata.TestNetworks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore options: the runtime mode, then the caller's rewrites in order. */
class RestoreOptionsTest {

    @TempDir
    Path dir;

    @Test
    void rewritesRunInOrderOnTheRestoredNetworkAndTheLastOneWins() throws Exception {
        MultiLayerNetwork original = TestNetworks.smallMln(7);
        CompressedModel m = Compressors.identity().compress(original).artifact();
        MultiLayerNetwork replacement = TestNetworks.smallMln(8);
        List<String> calls = new ArrayList<>();
        RestoreOptions options = RestoreOptions.DEFAULT.withRewrite(net -> {
            calls.add("first " + net.numParams());
            return net;
        }).withRewrite(net -> {
            calls.add("second");
            return replacement;
        });
        assertSame(replacement, m.restore(options));
        assertEquals(List.of("first " + original.numParams(), "second"), calls);

        Path f = dir.resolve("m.dlc");
        m.write(f);
        calls.clear();
        assertSame(replacement, CompressedModel.load(f, ReadLimits.DEFAULT, options), "load applies them too");
        assertEquals(2, calls.size());
    }

    @Test
    void theDefaultsRestoreAsBefore() throws Exception {
        MultiLayerNetwork original = TestNetworks.smallMln(9);
        CompressedModel m = Compressors.identity().compress(original).artifact();
        Model restored = m.restore(RestoreOptions.DEFAULT);
        assertEquals(original.params(), ((MultiLayerNetwork) restored).params());
        assertEquals(RuntimeMode.DEQUANTIZE_AT_LOAD, RestoreOptions.DEFAULT.mode());
        assertEquals(List.of(), RestoreOptions.DEFAULT.rewrites());
        assertEquals(RuntimeMode.RESIDENT_QUANTIZED,
                RestoreOptions.of(RuntimeMode.DEQUANTIZE_AT_LOAD).withMode(RuntimeMode.RESIDENT_QUANTIZED).mode());
    }

    @Test
    void residentModeWithoutCompressorQuantIsACheckedArtifactException() throws Exception {
        // compressor-api's tests have no ResidentRuntime on the class path
        CompressedModel m = Compressors.fp16().compress(TestNetworks.smallMln(10)).artifact();
        ArtifactException e = assertThrows(ArtifactException.class, () -> m.restore(RuntimeMode.RESIDENT_QUANTIZED));
        assertEquals(Problem.MISSING_MODULE, e.problem());
        assertTrue(e.getMessage().contains("ResidentRuntime") && e.getMessage().contains("add compressor-quant"),
                e.getMessage());
        Path f = dir.resolve("r.dlc");
        m.write(f);
        assertEquals(Problem.MISSING_MODULE, assertThrows(ArtifactException.class, () -> CompressedModel.load(f,
                ReadLimits.DEFAULT, RestoreOptions.of(RuntimeMode.RESIDENT_QUANTIZED))).problem());
    }

    @Test
    void badOptionsFailWhereTheyAreMade() throws Exception {
        assertThrows(NullPointerException.class, () -> RestoreOptions.of(null));
        assertThrows(NullPointerException.class, () -> RestoreOptions.DEFAULT.withRewrite(null));
        CompressedModel m = Compressors.identity().compress(TestNetworks.smallMln(11)).artifact();
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> m.restore(RestoreOptions.DEFAULT.withRewrite(net -> null)));
        assertTrue(e.getMessage().contains("returned null"), e.getMessage());
    }
}
