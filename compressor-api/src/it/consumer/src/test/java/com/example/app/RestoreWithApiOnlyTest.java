package com.example.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Only compressor-api is on this project's class path: a channel-pruned artifact (written by
 * compressor-prune, copied from its golden files) restores here; what needs another module says
 * which.
 */
class RestoreWithApiOnlyTest {

    @TempDir
    Path dir;

    private Path copy(String resource) throws IOException {
        Path f = dir.resolve(resource);
        try (InputStream in = getClass().getResourceAsStream("/" + resource)) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void aChannelPrunedArtifactRestoresWithCompressorApiAlone() throws Exception {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("dev.compressor.prune.structured.ChannelPruning"), "compressor-prune is absent");
        CompressedModel m = CompressedModel.read(copy("channel-pruned.dlc"));
        assertTrue(m.requirements().isEmpty(), m.requirements().toString());
        assertFalse(m.configJson().contains("dev.compressor"), "stock DL4J layers only");
        MultiLayerNetwork net = m.restoreMultiLayerNetwork();

        // the expectation file: "input d0 d1 d2 d3" and "output d0 d1" sections of floats
        List<String> tokens = new ArrayList<>();
        for (String line : Files.readAllLines(copy("channel-pruned.expected.txt"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#")) {
                tokens.addAll(Arrays.asList(line.strip().split("\\s+")));
            }
        }
        int in = tokens.indexOf("input");
        int out = tokens.indexOf("output");
        long[] shape = {Long.parseLong(tokens.get(in + 1)), Long.parseLong(tokens.get(in + 2)),
                Long.parseLong(tokens.get(in + 3)), Long.parseLong(tokens.get(in + 4))};
        float[] input = floats(tokens.subList(in + 5, out));
        float[] expected = floats(tokens.subList(out + 3, tokens.size()));
        float[] actual = net.output(Nd4j.create(input, shape, 'c')).data().asFloat();
        assertArrayEquals(expected, actual, 1e-4f);
    }

    @Test
    void whatNeedsCompressorPruneSaysSo() throws Exception {
        // written before artifacts held stock layers only: its configuration names a compressor-prune layer
        CompressedModel legacy = CompressedModel.read(copy("legacy-channel-pruned-direct-1x1.dlc"));
        ArtifactException e = assertThrows(ArtifactException.class, legacy::restore);
        assertEquals(ArtifactException.Problem.MISSING_MODULE, e.problem());
        assertTrue(e.getMessage().contains("DirectPointwiseConvolution") && e.getMessage().contains("compressor-prune"),
                e.getMessage());

        // a sparse encoding, recorded in the manifest as compressor-prune's
        ArtifactException sparse = assertThrows(ArtifactException.class,
                () -> CompressedModel.read(copy("sparse-bitmask.dlc")));
        assertEquals(ArtifactException.Problem.UNKNOWN_ENCODING, sparse.problem());
        assertTrue(sparse.getMessage().contains("provided by compressor-prune"), sparse.getMessage());
    }

    private static float[] floats(List<String> tokens) {
        float[] v = new float[tokens.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(tokens.get(i));
        }
        return v;
    }
}
