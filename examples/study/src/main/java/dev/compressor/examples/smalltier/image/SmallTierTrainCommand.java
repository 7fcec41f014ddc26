package dev.compressor.examples.smalltier.image;

import com.google.common.base.Ticker;
import com.google.gson.stream.JsonWriter;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Trains small-tier image networks on Fashion-MNIST and writes each one's fp32 weights as a
 * zstd-compressed {@code CompressedModel} artifact ({@code <id>.dlc}) with a {@code <id>.json} record
 * of how it was trained and its test accuracy.
 *
 * <p>Run from the repository root (see examples/study/SMALL_TIER.md):
 * <pre>
 * mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.smalltier.image.SmallTierTrainCommand \
 *     -Dexec.args="--networks vgg8,mobilenet"
 * </pre>
 */
@Command(name = "small-tier-train", mixinStandardHelpOptions = true,
        description = "Train the small-tier image networks on Fashion-MNIST with a fixed seed.")
public final class SmallTierTrainCommand implements Callable<Integer> {

    @Option(names = "--networks", split = ",", description = "network ids, or 'all' (default: all)")
    List<String> networks = List.of("all");

    @Option(names = "--epochs", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs = TrainingOptions.DEFAULT.epochs();

    @Option(names = "--batch", description = "minibatch size (default: ${DEFAULT-VALUE})")
    int batch = TrainingOptions.DEFAULT.batchSize();

    @Option(names = "--seed", description = "seed (default: ${DEFAULT-VALUE})")
    long seed = TrainingOptions.DEFAULT.seed();

    @Option(names = "--lr", description = "initial Adam learning rate (default: ${DEFAULT-VALUE})")
    double learningRate = TrainingOptions.DEFAULT.learningRate();

    @Option(names = "--direct-1x1", description = "train 1x1 convolutions as direct matrix products (faster; "
            + "weights committed before this option existed were trained without it)")
    boolean directPointwise;

    @Option(names = "--train-size", description = "leading training examples used (default: ${DEFAULT-VALUE}, "
            + "the committed subset; the first 20,000 are the same in the full set)")
    int trainSize = FashionMnistData.SUBSET_TRAIN;

    @Option(names = "--test-size", description = "leading test examples evaluated (default: all 10,000)")
    int testSize = 10_000;

    @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("examples/study/src/main/resources/smalltier/weights");

    /**
     * Runs the command line.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        int code = new CommandLine(new SmallTierTrainCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Trains the selected networks; returns the exit code. */
    @Override
    public Integer call() throws Exception {
        TrainingOptions options = new TrainingOptions(epochs, batch, seed, learningRate, directPointwise);
        FashionMnistData data = FashionMnistData.load();
        ImageSplit train = data.train().first(trainSize);
        ImageSplit test = data.test().first(testSize);
        System.out.printf(Locale.ROOT, "Fashion-MNIST from %s: %d train (of %d), %d test%n", data.source(),
                train.size(), data.train().size(), test.size());
        Files.createDirectories(out);
        // Load the artifact writer's classes now: a long run must not fail at the final write because
        // the compressor jars were rebuilt (replaced) while it trained.
        Compressors.identity().compress(SmallNetwork.VGG8.network(seed)).artifact().toBytes(OuterCompression.ZSTD);
        SmallTierTrainer trainer = new SmallTierTrainer(Ticker.systemTicker(), System.out::println);
        for (SmallNetwork n : selected()) {
            TrainedNetwork t = trainer.train(n, train, test, options);
            Path file = out.resolve(n.id() + ".dlc");
            Compressors.identity().compress(t.graph()).artifact().write(file, OuterCompression.ZSTD);
            Files.writeString(out.resolve(n.id() + ".json"), record(t, data.source()));
            System.out.printf(Locale.ROOT, "RESULT %-13s top1 %.4f top5 %.4f params %,d train %.0f s (%.0f CPU s) -> %s (%,d bytes)%n",
                    n.id(), t.test().top1(), t.test().top5(), t.graph().numParams(), t.trainSeconds(),
                    t.trainCpuSeconds(), file,
                    Files.size(file));
        }
        return 0;
    }

    private List<SmallNetwork> selected() {
        List<SmallNetwork> out = new ArrayList<>();
        for (String id : networks) {
            if (id.equalsIgnoreCase("all")) {
                out.addAll(List.of(SmallNetwork.values()));
            } else {
                out.add(SmallNetwork.byId(id));
            }
        }
        return out;
    }

    /**
     * The training record written next to the weights ({@code <id>.json}), one JSON object and a line
     * break: options, test accuracy (4 decimals), times (seconds, 1 decimal), data source, date, Java
     * and OS. {@code WeightsProvenance} copies its fields into the study's cells.
     *
     * @param t the trained network
     * @param source where the training data came from
     * @return the JSON text
     */
    static String record(TrainedNetwork t, String source) {
        TrainingOptions o = t.options();
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginObject();
            w.name("network").value(t.network().id());
            w.name("parameters").value(t.graph().numParams());
            w.name("epochs").value(o.epochs());
            w.name("batch").value(o.batchSize());
            w.name("seed").value(o.seed());
            w.name("learningRate").value(o.learningRate());
            w.name("direct1x1").value(o.directPointwise());
            w.name("trainExamples").value(t.trainExamples());
            w.name("testExamples").value(t.test().examples());
            fixed(w.name("top1"), t.test().top1(), 4);
            fixed(w.name("top5"), t.test().top5(), 4);
            fixed(w.name("trainSeconds"), t.trainSeconds(), 1);
            fixed(w.name("trainCpuSeconds"), t.trainCpuSeconds(), 1);
            w.name("dataSource").value(source);
            w.name("date").value(Instant.now().toString());
            w.name("java").value(System.getProperty("java.version"));
            w.name("os").value(System.getProperty("os.name") + " " + System.getProperty("os.arch"));
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
