package dev.compressor.examples.smalltier.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelCorpusTest {

    private final SentenceFilter filter = new SentenceFilter(30);

    @Test
    void filterKeepsCleanPairsSplitsLinesAndDropsPlaceholdersAndMarkup() throws IOException {
        List<SentencePair> pairs = filter.pairs(MoCatalogTest.handmade());
        List<String> got = pairs.stream().map(p -> p.source() + " => " + p.target()).toList();
        // gettext sorts originals by bytes: "File" < "Open the file" < "first line.." < "menu\4File" < "one file"
        assertEquals(List.of(
                "File => Akte",
                "Open the file => Öffne die Datei",
                "first line => erste Zeile",
                "second line => zweite Zeile",
                "File => Datei",
                "one file => eine Datei"), got);
    }

    @Test
    void placeholderAndMarkupDetection() {
        for (String bad : List.of("Print %s now", "%d files", "%1$s and %2$s", "%-10.3lf", "value %<PRIu64>",
                "Hello {0}", "path ${HOME}", "see $HOME", "<b>bold</b>", "a &amp; b", "100%% done")) {
            assertFalse(filter.accepts(bad), bad);
        }
        for (String good : List.of("Open the file", "Memory exhausted", "Use `--help' for more.", "a & b")) {
            assertTrue(filter.accepts(good), good);
        }
        assertFalse(new SentenceFilter(2).accepts("three words here"));
        assertFalse(filter.accepts("   "));
        assertThrows(IllegalArgumentException.class, () -> new SentenceFilter(0));
    }

    @Test
    void dedupKeepsTheFirstOccurrenceOfASource() throws IOException {
        ParallelCorpus c = ParallelCorpus.split(filter.pairs(MoCatalogTest.handmade()), 7, 0.5);
        assertEquals(6, c.extracted());
        assertEquals(1, c.duplicates());
        List<SentencePair> all = new ArrayList<>(c.train());
        all.addAll(c.test());
        assertEquals(5, all.size());
        assertTrue(all.stream().anyMatch(p -> p.target().equals("Akte")));
        assertFalse(all.stream().anyMatch(p -> p.target().equals("Datei")));
    }

    @Test
    void splitIsFixedBySeedAndIndependentOfOtherPairs(@TempDir Path dir) throws IOException {
        Path sed = dir.resolve("sed.mo");
        Files.write(sed, MoCatalogTest.resource("sed.mo"));
        Path hand = dir.resolve("handmade-le.mo");
        Files.write(hand, MoCatalogTest.resource("handmade-le.mo"));
        ParallelCorpus a = ParallelCorpus.fromCatalogs(List.of(sed), filter, 1, 0.2);
        ParallelCorpus again = ParallelCorpus.fromCatalogs(List.of(sed), filter, 1, 0.2);
        assertEquals(a.train(), again.train());
        assertEquals(a.test(), again.test());
        assertTrue(a.train().size() > 50, "train " + a.train().size());
        assertTrue(a.test().size() >= 5 && a.test().size() < a.train().size(), "test " + a.test().size());

        ParallelCorpus more = ParallelCorpus.fromCatalogs(List.of(hand, sed), filter, 1, 0.2);
        Set<String> testSources = new HashSet<>();
        more.test().forEach(p -> testSources.add(p.source()));
        for (SentencePair p : a.test()) {
            assertTrue(testSources.contains(p.source()), p.source());
        }
        ParallelCorpus otherSeed = ParallelCorpus.fromCatalogs(List.of(sed), filter, 2, 0.2);
        assertNotEquals(a.test(), otherSeed.test());
        Set<String> trainSources = new HashSet<>();
        a.train().forEach(p -> trainSources.add(p.source().toLowerCase(java.util.Locale.ROOT)));
        a.test().forEach(p -> assertFalse(trainSources.contains(p.source().toLowerCase(java.util.Locale.ROOT))));
    }

    @Test
    void catalogsInListsOnlyMoFilesSorted(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.mo"), "");
        Files.writeString(dir.resolve("a.mo"), "");
        Files.writeString(dir.resolve("c.po"), "");
        assertEquals(List.of(dir.resolve("a.mo"), dir.resolve("b.mo")), ParallelCorpus.catalogsIn(dir));
    }

    @Test
    void rejectsBadTestFraction() {
        assertThrows(IllegalArgumentException.class, () -> ParallelCorpus.split(List.of(), 1, 1.0));
    }
}
