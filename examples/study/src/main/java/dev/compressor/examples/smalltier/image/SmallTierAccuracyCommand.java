package dev.compressor.examples.smalltier.image;

import dev.compressor.api.Compressor;
import dev.compressor.api.Compressors;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.prune.Pruning;
import dev.compressor.quant.Quantization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the Fashion-MNIST test accuracy of every trained small network under a compact grid of
 * weight-compression settings (fp16, bf16, int8 per-tensor asymmetric and per-channel symmetric,
 * int4 per-channel, 5-bit k-means, magnitude pruning at 50/75/90 %, 2:4). The study's sweep runs the
 * full grid through {@link CompressionAccuracy}; this command is the quick check.
 *
 * <pre>
 * mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.smalltier.image.SmallTierAccuracyCommand
 * </pre>
 */
@Command(name = "small-tier-accuracy", mixinStandardHelpOptions = true,
        description = "Accuracy of trained small networks under compression settings.")
public final class SmallTierAccuracyCommand implements Callable<Integer> {

    @Option(names = "--weights", description = "directory of trained weights (default: the committed ones)")
    Path weights;

    @Option(names = "--networks", split = ",", description = "network ids (default: every one with weights)")
    List<String> networks = List.of();

    @Option(names = "--settings", split = ",", description = "setting names from the grid (default: all)")
    List<String> only = List.of();

    /**
     * Runs the command line.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        int code = new CommandLine(new SmallTierAccuracyCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The compact grid of settings, in report order. */
    public static Map<String, Compressor> settings() {
        Map<String, Compressor> s = new LinkedHashMap<>();
        s.put("fp32", Compressors.identity());
        s.put("fp16", Quantization.fp16Weights());
        s.put("bf16", Quantization.bf16Weights());
        s.put("int8 per-tensor asym", Quantization.int8PerTensorAsymmetric());
        s.put("int8 per-channel sym", Quantization.int8PerChannel());
        s.put("int4 per-channel", Quantization.linear(4).perChannel().symmetric().build());
        s.put("k-means 5 bit", Quantization.kmeans(5).build());
        s.put("magnitude 50%", Pruning.magnitude(0.5));
        s.put("magnitude 75%", Pruning.magnitude(0.75));
        s.put("magnitude 90%", Pruning.magnitude(0.9));
        s.put("2:4", Pruning.nOfM(2, 4));
        return s;
    }

    /** Evaluates every selected network with weights under every setting; returns the exit code. */
    @Override
    public Integer call() throws Exception {
        FashionMnistData data = FashionMnistData.load();
        System.out.printf(Locale.ROOT, "Fashion-MNIST test split from %s: %d examples%n", data.source(), data.test().size());
        List<SmallNetwork> chosen = new ArrayList<>();
        for (String id : networks) {
            chosen.add(SmallNetwork.byId(id));
        }
        if (chosen.isEmpty()) {
            chosen.addAll(List.of(SmallNetwork.values()));
        }
        for (SmallNetwork n : chosen) {
            Optional<ComputationGraph> trained = weights == null ? SmallTierWeights.fromClasspath(n)
                    : SmallTierWeights.fromDirectory(n, weights);
            if (trained.isEmpty()) {
                System.out.println(n.id() + ": no trained weights, skipped");
                continue;
            }
            TopKAccuracy fp32 = ImageEvaluator.evaluate(trained.get(), data.test(), CompressionAccuracy.BATCH);
            for (Map.Entry<String, Compressor> s : settings().entrySet()) {
                if (!only.isEmpty() && !only.contains(s.getKey())) {
                    continue;
                }
                SettingAccuracy a = CompressionAccuracy.measure(n, trained.get(), fp32, s.getValue(), data.test());
                System.out.printf(Locale.ROOT, "%-13s %-22s top1 %.4f top5 %.4f delta %+6.2f pts %,9d bytes%n",
                        n.id(), s.getKey(), a.accuracy().top1(), a.accuracy().top5(), a.top1DeltaPoints(),
                        a.artifactBytes());
            }
        }
        return 0;
    }
}
