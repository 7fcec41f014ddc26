package dev.compressor.examples.smalltier.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NmtWeightsTest {

    @Test
    void committedModelLoadsFromTheClasspathWithItsVocabularies() throws IOException {
        assertTrue(NmtWeights.onClasspath());
        LoadedNmt nmt = NmtWeights.fromClasspath().orElseThrow();
        assertEquals(nmt.graph().getLayer("src_embed").getParam("W").size(0), nmt.sourceVocab().size());
        assertEquals(nmt.graph().getLayer("output").getParam("W").size(1), nmt.targetVocab().size());
        assertEquals(Vocabulary.PAD, nmt.sourceVocab().token(Vocabulary.PAD_ID));
        assertTrue(nmt.graph().numParams() > 100_000, "the small-tier model, not a toy: " + nmt.graph().numParams());
    }

    @Test
    void parsedVocabularyErrorsNameTheResource() {
        IOException e = assertThrows(IOException.class,
                () -> Vocabulary.parse("<pad>\n<s>\n".getBytes(StandardCharsets.UTF_8), "classpath:/x/v.txt"));
        assertTrue(e.getMessage().startsWith("classpath:/x/v.txt"), e.getMessage());
    }
}
