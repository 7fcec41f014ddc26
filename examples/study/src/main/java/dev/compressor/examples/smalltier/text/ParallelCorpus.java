package dev.compressor.examples.smalltier.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A deduplicated English-German corpus with a fixed train/test split, built from gettext catalogs.
 *
 * <p>Pairs are deduplicated on the source sentence (case-folded), keeping the first occurrence in
 * the order the catalogs are given, so that no English sentence appears in both splits. The split
 * is a pure function of the seed and each pair's source text (a 64-bit hash of the two decides),
 * so a pair lands in the same split whatever other catalogs are present: a machine with more
 * catalogs only adds pairs. Immutable and thread-safe.
 */
public final class ParallelCorpus {

    private final List<SentencePair> train;
    private final List<SentencePair> test;
    private final int extracted;

    private ParallelCorpus(List<SentencePair> train, List<SentencePair> test, int extracted) {
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
        this.extracted = extracted;
    }

    /**
     * Deduplicates and splits pairs.
     *
     * @param pairs clean pairs in a deterministic order
     * @param seed the split seed
     * @param testFraction the expected fraction of pairs in the test split, in (0, 1)
     * @return the corpus
     */
    public static ParallelCorpus split(List<SentencePair> pairs, long seed, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        Set<String> seen = new HashSet<>();
        List<SentencePair> train = new ArrayList<>();
        List<SentencePair> test = new ArrayList<>();
        for (SentencePair p : pairs) {
            String key = p.source().toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                continue;
            }
            (unit(seed, key) < testFraction ? test : train).add(p);
        }
        return new ParallelCorpus(train, test, pairs.size());
    }

    /**
     * Parses catalogs, filters them and splits the pairs.
     *
     * @param catalogs {@code .mo} files; read in sorted file-name order
     * @param filter the sentence filter
     * @param seed the split seed
     * @param testFraction the expected test fraction, in (0, 1)
     * @return the corpus
     * @throws IOException if a catalog cannot be read or is malformed
     */
    public static ParallelCorpus fromCatalogs(List<Path> catalogs, SentenceFilter filter, long seed,
                                              double testFraction) throws IOException {
        List<Path> sorted = new ArrayList<>(catalogs);
        sorted.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<SentencePair> pairs = new ArrayList<>();
        for (Path p : sorted) {
            pairs.addAll(filter.pairs(MoCatalog.read(p)));
        }
        return split(pairs, seed, testFraction);
    }

    /**
     * Lists the {@code .mo} files of a directory (not recursive), sorted by name.
     *
     * @param dir e.g. {@code /usr/share/locale/de/LC_MESSAGES}
     * @return the catalog files
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> catalogsIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".mo")).sorted().toList();
        }
    }

    /** Returns the training pairs. */
    public List<SentencePair> train() {
        return train;
    }

    /** Returns the held-out test pairs. */
    public List<SentencePair> test() {
        return test;
    }

    /** Returns how many clean pairs came in before deduplication. */
    public int extracted() {
        return extracted;
    }

    /** Returns how many pairs deduplication dropped. */
    public int duplicates() {
        return extracted - train.size() - test.size();
    }

    static double unit(long seed, String key) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe3e7ed53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
