package dev.compressor.examples.smalltier.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds the English-German corpus from a directory of gettext catalogs and prints its size and
 * the BLEU of the copy-the-source baseline (the German reference scored against the untranslated
 * English) on the test split: the floor a translation model has to clear.
 *
 * <pre>
 * mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.smalltier.text.CorpusBaselineCommand
 * </pre>
 */
@Command(name = "small-tier-corpus", mixinStandardHelpOptions = true,
        description = "English-German pairs from gettext catalogs; copy-the-source BLEU baseline.")
public final class CorpusBaselineCommand implements Callable<Integer> {

    @Option(names = "--catalogs", description = "directory of German .mo catalogs (default: ${DEFAULT-VALUE})")
    Path catalogs = Path.of("/usr/share/locale/de/LC_MESSAGES");

    @Option(names = "--max-words", description = "longest sentence kept, in words (default: ${DEFAULT-VALUE})")
    int maxWords = NmtCorpus.MAX_WORDS;

    @Option(names = "--seed", description = "split seed (default: ${DEFAULT-VALUE})")
    long seed = NmtCorpus.SPLIT_SEED;

    @Option(names = "--test-fraction", description = "expected test fraction (default: ${DEFAULT-VALUE})")
    double testFraction = NmtCorpus.TEST_FRACTION;

    /**
     * Runs the command line.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        int code = new CommandLine(new CorpusBaselineCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Builds the corpus and prints the baseline; returns the exit code. */
    @Override
    public Integer call() throws Exception {
        List<Path> files = ParallelCorpus.catalogsIn(catalogs);
        ParallelCorpus c = ParallelCorpus.fromCatalogs(files, new SentenceFilter(maxWords), seed, testFraction);
        System.out.printf(Locale.ROOT, "%d catalogs in %s: %d clean pairs, %d duplicates dropped, %d train, %d test%n",
                files.size(), catalogs, c.extracted(), c.duplicates(), c.train().size(), c.test().size());
        List<String> sources = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (SentencePair p : c.test()) {
            sources.add(p.source());
            references.add(p.target());
        }
        System.out.println("copy-the-source baseline on the test split: " + Bleu.corpus(sources, references));
        for (int i = 0; i < Math.min(5, c.test().size()); i++) {
            System.out.println("  " + c.test().get(i).source() + "  =>  " + c.test().get(i).target());
        }
        return 0;
    }
}
