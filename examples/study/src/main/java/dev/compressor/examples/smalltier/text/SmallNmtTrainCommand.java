package dev.compressor.examples.smalltier.text;

import com.google.common.base.Ticker;
import com.google.gson.stream.JsonWriter;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.OuterCompression;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Trains the small-tier attention translation model on English-German pairs from gettext catalogs
 * within a wall-clock budget, prints its test BLEU next to the copy-the-source baseline, and writes
 * {@code nmt.dlc} (fp32 weights as a zstd {@code CompressedModel} artifact), {@code nmt-vocab-src.txt},
 * {@code nmt-vocab-tgt.txt} and {@code nmt.json} (options, scores, time, date, corpus source).
 *
 * <p>Run from the repository root (see examples/study/SMALL_TIER.md):
 * <pre>
 * OMP_NUM_THREADS=1 mvn -B -q -pl examples exec:java \
 *     -Dexamples.main=dev.compressor.examples.smalltier.text.SmallNmtTrainCommand -Dexec.args="--minutes 14"
 * </pre>
 */
@Command(name = "small-tier-nmt-train", mixinStandardHelpOptions = true,
        description = "Train the small-tier attention NMT model (English to German) with a fixed seed.")
public final class SmallNmtTrainCommand implements Callable<Integer> {

    private static final NmtTrainingOptions D = NmtTrainingOptions.DEFAULT;

    @Spec
    CommandSpec spec;

    @Option(names = "--catalogs", description = "directory of German .mo catalogs (default: ${DEFAULT-VALUE})")
    Path catalogs = Path.of("/usr/share/locale/de/LC_MESSAGES");

    @Option(names = "--minutes", description = "training budget in minutes (default: ${DEFAULT-VALUE})")
    double minutes = D.minutes();

    @Option(names = "--max-iterations", description = "stop after this many iterations, 0 = budget only (default: ${DEFAULT-VALUE})")
    int maxIterations = D.maxIterations();

    @Option(names = "--train-pairs", description = "leading training pairs used, 0 = all (default: ${DEFAULT-VALUE})")
    int trainPairs = 0;

    @Option(names = "--test-pairs", description = "leading test pairs scored, 0 = all (default: ${DEFAULT-VALUE})")
    int testPairs = 0;

    @Option(names = "--source-vocab", description = "largest source vocabulary (default: ${DEFAULT-VALUE})")
    int sourceVocab = D.sourceVocab();

    @Option(names = "--target-vocab", description = "largest target vocabulary (default: ${DEFAULT-VALUE})")
    int targetVocab = D.targetVocab();

    @Option(names = "--min-count", description = "least count of a vocabulary token (default: ${DEFAULT-VALUE})")
    int minCount = D.minCount();

    @Option(names = "--embedding", description = "embedding width (default: ${DEFAULT-VALUE})")
    int embedding = D.embedding();

    @Option(names = "--units", description = "LSTM/attention width (default: ${DEFAULT-VALUE})")
    int units = D.units();

    @Option(names = "--layers", description = "encoder and decoder LSTM layers (default: ${DEFAULT-VALUE})")
    int layers = D.layers();

    @Option(names = "--batch", description = "pairs per minibatch (default: ${DEFAULT-VALUE})")
    int batch = D.batchSize();

    @Option(names = "--lr", description = "initial Adam learning rate (default: ${DEFAULT-VALUE})")
    double learningRate = D.learningRate();

    @Option(names = "--half-life", description = "iterations per halving of the learning rate (default: ${DEFAULT-VALUE})")
    double halfLife = D.halfLife();

    @Option(names = "--clip", description = "per-layer gradient L2 clipping threshold (default: ${DEFAULT-VALUE})")
    double clip = D.clip();

    @Option(names = "--max-tokens", description = "longest training sentence kept, in tokens (default: ${DEFAULT-VALUE})")
    int maxTokens = D.maxTokens();

    @Option(names = "--seed", description = "seed of weights and shuffles (default: ${DEFAULT-VALUE})")
    long seed = D.seed();

    @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("examples/study/src/main/resources/smalltier/weights");

    /**
     * Runs the command line.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        int code = new CommandLine(new SmallNmtTrainCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Trains, evaluates and writes the model; returns the exit code. */
    @Override
    public Integer call() throws Exception {
        if (trainPairs < 0 || testPairs < 0) {
            return usageError("--train-pairs and --test-pairs must be >= 0, got " + trainPairs + " and " + testPairs);
        }
        NmtTrainingOptions options;
        try {
            options = new NmtTrainingOptions(sourceVocab, targetVocab, minCount, embedding, units, layers, batch,
                    learningRate, halfLife, clip, seed, minutes, maxIterations, maxTokens);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        if (!Files.isDirectory(catalogs)) {
            return usageError("--catalogs: not a directory: " + catalogs);
        }
        List<Path> files = ParallelCorpus.catalogsIn(catalogs);
        ParallelCorpus corpus = ParallelCorpus.fromCatalogs(files, new SentenceFilter(NmtCorpus.MAX_WORDS),
                NmtCorpus.SPLIT_SEED, NmtCorpus.TEST_FRACTION);
        List<SentencePair> train = trainPairs == 0 ? corpus.train()
                : corpus.train().subList(0, Math.min(trainPairs, corpus.train().size()));
        int testLimit = testPairs == 0 ? corpus.test().size() : testPairs;
        String source = files.size() + " catalogs in " + catalogs;
        System.out.printf(Locale.ROOT, "%s: %d train pairs (using %d), %d test pairs (scoring %d)%n", source,
                corpus.train().size(), train.size(), corpus.test().size(), Math.min(testLimit, corpus.test().size()));
        Files.createDirectories(out);
        // Load the artifact writer's classes now, so a long run cannot fail at the final write because
        // the compressor jars were replaced while it trained.
        Compressors.identity().compress(SmallNmtTrainer.network(8, 8,
                new NmtTrainingOptions(8, 8, 1, 2, 2, 1, 1, 0.1, 1, 1, 1, 1, 0, 1))).artifact().toBytes(OuterCompression.ZSTD);
        TrainedNmt t = new SmallNmtTrainer(Ticker.systemTicker(), System.out::println)
                .train(train, corpus.test(), testLimit, options);
        Path file = out.resolve(NmtWeights.MODEL);
        Compressors.identity().compress(t.graph()).artifact().write(file, OuterCompression.ZSTD);
        t.sourceVocab().write(out.resolve(NmtWeights.SOURCE_VOCAB));
        t.targetVocab().write(out.resolve(NmtWeights.TARGET_VOCAB));
        Files.writeString(out.resolve(NmtWeights.RECORD), record(t, source));
        System.out.printf(Locale.ROOT, "RESULT nmt BLEU %.2f vs copy-the-source %.2f on %d test pairs; "
                        + "params %,d, %d iterations, train %.0f s -> %s (%,d bytes)%n",
                t.bleu().score(), t.baseline().score(), t.testPairs(), t.graph().numParams(), t.iterations(),
                t.trainSeconds(), file, Files.size(file));
        return 0;
    }

    private int usageError(String message) {
        spec.commandLine().getErr().println("small-tier-nmt-train: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }

    /**
     * The training record written next to the weights ({@code nmt.json}), one JSON object and a line
     * break: options, corpus sizes, iterations, time (seconds, 1 decimal), test BLEU and the
     * copy-the-source baseline (2 decimals, with sacreBLEU-style detail lines), data source, date,
     * Java, OS and {@code OMP_NUM_THREADS} ({@code null} when unset). {@code WeightsProvenance}
     * copies its fields into the study's cells.
     *
     * @param t the trained model
     * @param source where the corpus came from
     * @return the JSON text
     */
    static String record(TrainedNmt t, String source) {
        NmtTrainingOptions o = t.options();
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginObject();
            w.name("network").value("nmt");
            w.name("parameters").value(t.graph().numParams());
            w.name("sourceVocab").value(t.sourceVocab().size());
            w.name("targetVocab").value(t.targetVocab().size());
            w.name("minCount").value(o.minCount());
            w.name("embedding").value(o.embedding());
            w.name("units").value(o.units());
            w.name("layers").value(o.layers());
            w.name("batch").value(o.batchSize());
            w.name("learningRate").value(o.learningRate());
            w.name("halfLife").value(o.halfLife());
            w.name("clip").value(o.clip());
            w.name("seed").value(o.seed());
            w.name("minutes").value(o.minutes());
            w.name("maxIterations").value(o.maxIterations());
            w.name("maxTokens").value(o.maxTokens());
            w.name("trainPairs").value(t.trainPairs());
            w.name("iterations").value(t.iterations());
            fixed(w.name("trainSeconds"), t.trainSeconds(), 1);
            w.name("testPairs").value(t.testPairs());
            fixed(w.name("bleu"), t.bleu().score(), 2);
            fixed(w.name("baselineBleu"), t.baseline().score(), 2);
            w.name("bleuDetail").value(t.bleu().toString());
            w.name("baselineDetail").value(t.baseline().toString());
            w.name("dataSource").value(source);
            w.name("date").value(Instant.now().toString());
            w.name("java").value(System.getProperty("java.version"));
            w.name("os").value(System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            w.name("ompThreads").value(System.getenv("OMP_NUM_THREADS"));
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return out.append(System.lineSeparator()).toString();
    }

    /** A number rounded as {@code %.<decimals>f} prints it, or {@code null} when NaN or infinite. */
    private static void fixed(JsonWriter w, double x, int decimals) throws IOException {
        if (Double.isFinite(x)) {
            w.value(new BigDecimal(String.format(Locale.ROOT, "%." + decimals + "f", x)));
        } else {
            w.nullValue();
        }
    }
}
