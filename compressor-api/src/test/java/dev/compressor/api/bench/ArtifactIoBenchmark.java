package dev.compressor.api.bench;

import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;

/**
 * Writing and restoring the dense-f32 artifact against DL4J's {@link ModelSerializer}, side by side
 * in one run, on zoo ResNet-50 and VGG-16 (seeded weights). Restoring is timed two ways:
 * {@code CompressedModel.read(path).restore()} and the one-step {@code CompressedModel.load(path)}.
 * Prints the median of the repetitions and the ratios. Run (from the repository root):
 *
 * <pre>
 * mvn -B -q -pl compressor-api -am install -DskipTests -Dmaven.javadoc.skip
 * mvn -B -q -pl compressor-api exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xms8g -Xmx8g -XX:+AlwaysPreTouch -Dorg.bytedeco.javacpp.maxbytes=14G -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -cp %classpath dev.compressor.api.bench.ArtifactIoBenchmark 3"
 * </pre>
 */
public final class ArtifactIoBenchmark {

    private ArtifactIoBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: repetitions (default 3), then the networks ({@code resnet50}, {@code vgg16}; default both)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Files.createTempDirectory("artifact-bench");
        System.out.printf(Locale.ROOT, "%-10s %-22s %10s %10s %12s%n", "network", "what", "write s", "restore s",
                "file MB");
        java.util.List<String> nets = args.length > 1 ? java.util.List.of(args).subList(1, args.length)
                : java.util.List.of("resnet50", "vgg16");
        for (String n : nets) {
            switch (n) {
                case "resnet50" -> bench("ResNet-50", ResNet50.builder().numClasses(1000).seed(1)
                        .weightInit(new WeightInitRelu()).build().init(), dir, reps);
                case "vgg16" -> bench("VGG-16", VGG16.builder().numClasses(1000).seed(1).build().init(), dir, reps);
                default -> throw new IllegalArgumentException("unknown network '" + n + "': resnet50 or vgg16");
            }
        }
    }

    private static void bench(String name, Model net, Path dir, int reps) throws Exception {
        File ms = dir.resolve(name + ".zip").toFile();
        Path ours = dir.resolve(name + ".dlc");
        double[] msWrite = new double[reps];
        double[] msRead = new double[reps];
        double[] ourWrite = new double[reps];
        double[] ourRead = new double[reps];
        double[] ourLoad = new double[reps];
        boolean graph = net instanceof org.deeplearning4j.nn.graph.ComputationGraph;
        for (int r = 0; r < reps; r++) { // interleaved, so both see the same machine state
            long t0 = System.nanoTime();
            ModelSerializer.writeModel(net, ms, false);
            long t1 = System.nanoTime();
            Model back = graph ? ModelSerializer.restoreComputationGraph(ms, false)
                    : ModelSerializer.restoreMultiLayerNetwork(ms, false);
            long t2 = System.nanoTime();
            Compressors.identity().compress(net).artifact().write(ours, OuterCompression.ZSTD);
            long t3 = System.nanoTime();
            Model ourBack = CompressedModel.read(ours).restore();
            long t4 = System.nanoTime();
            ourBack = null;
            Model loaded = CompressedModel.load(ours);
            long t5 = System.nanoTime();
            if (back.numParams() != loaded.numParams() || !back.params().equals(loaded.params())) {
                throw new IllegalStateException("restored networks differ");
            }
            ourLoad[r] = (t5 - t4) / 1e9;
            msWrite[r] = (t1 - t0) / 1e9;
            msRead[r] = (t2 - t1) / 1e9;
            ourWrite[r] = (t3 - t2) / 1e9;
            ourRead[r] = (t4 - t3) / 1e9;
        }
        double mw = median(msWrite);
        double mr = median(msRead);
        double ow = median(ourWrite);
        double or = median(ourRead);
        System.out.printf(Locale.ROOT, "%-10s %-22s %10.2f %10.2f %12.1f%n", name, "ModelSerializer", mw, mr,
                ms.length() / 1e6);
        System.out.printf(Locale.ROOT, "%-10s %-22s %10.2f %10.2f %12.1f%n", name, "artifact dense-f32 zstd", ow, or,
                Files.size(ours) / 1e6);
        System.out.printf(Locale.ROOT, "%-10s %-22s %10.3f %10.3f   (target <= 0.2)%n", name, "ratio ours/MS", ow / mw,
                or / mr);
        double ol = median(ourLoad);
        System.out.printf(Locale.ROOT, "%-10s %-22s %10s %10.2f%n", name, "CompressedModel.load", "", ol);
        System.out.printf(Locale.ROOT, "%-10s %-22s %10s %10.3f   (target <= 0.2)%n", name, "ratio load/MS", "",
                ol / mr);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
