package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.energy.EnergyMeters;
import dev.compressor.api.energy.MeterChoice;
import dev.compressor.api.profile.Profile;
import dev.compressor.api.profile.Profiler;
import dev.compressor.examples.networks.StudyNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The end-to-end demo: a real DL4J network (MobileNet-v1, seeded weights) compressed with each
 * built-in setting, written, read back, restored, profiled (latency, energy with the best meter on
 * this machine) and compared with the fp32 network's outputs. Prints a report.
 *
 * <p>Run from the repository root: {@code mvn -B -q -DskipTests install && mvn -B -q -pl examples exec:java}.
 * Arguments: an output folder (default {@code demo-out}).
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args optional output folder
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args.length > 0 ? args[0] : "demo-out");
        Files.createDirectories(out);
        StudyNetwork which = StudyNetwork.MOBILENET_V1;
        System.out.println("Building " + which.displayName() + " (seeded weights) ...");
        ComputationGraph net = (ComputationGraph) which.build(42);
        Nd4j.getRandom().setSeed(7);
        INDArray input = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        float[] reference = net.outputSingle(input).data().asFloat();

        Path dl4j = out.resolve("mobilenet-fp32-modelserializer.zip");
        ModelSerializer.writeModel(net, dl4j.toFile(), false);
        long dl4jBytes = Files.size(dl4j);

        MeterChoice meter = EnergyMeters.best();
        Profiler profiler = Profiler.builder().warmupIterations(3).measuredIterations(15).energyMeter(meter.meter())
                .build();

        Map<String, Compressor> settings = new LinkedHashMap<>();
        settings.put("fp32", Compressors.identity());
        settings.put("fp16", Compressors.fp16());
        settings.put("bf16", Compressors.bf16());

        System.out.printf(Locale.ROOT, "%n%-6s %12s %8s %10s %10s %12s %12s %12s%n", "setting", "file bytes",
                "ratio", "load ms", "p50 ms", "J/inference", "max |dy|", "top-1 same");
        for (Map.Entry<String, Compressor> s : settings.entrySet()) {
            CompressionResult r = s.getValue().compress(net);
            Path file = out.resolve("mobilenet-" + s.getKey() + ".dlc");
            r.artifact().write(file, OuterCompression.ZSTD);
            long t0 = System.nanoTime();
            ComputationGraph restored = CompressedModel.read(file).restoreComputationGraph();
            long loadNanos = System.nanoTime() - t0;
            float[] y = restored.outputSingle(input).data().asFloat();
            Profile p = profiler.profile(restored, input);
            System.out.printf(Locale.ROOT, "%-7s %12d %7.2fx %10.1f %10.2f %12s %12.2e %12s%n", s.getKey(),
                    Files.size(file), (double) dl4jBytes / Files.size(file), loadNanos / 1e6,
                    p.latency().p50Nanos() / 1e6,
                    p.joulesPerInference().isPresent()
                            ? String.format(Locale.ROOT, "%.4f", p.joulesPerInference().getAsDouble()) : "n/a",
                    maxAbsDiff(reference, y), argmax(reference) == argmax(y) ? "yes" : "no");
            if (s.getKey().equals("fp16")) {
                System.out.println();
                System.out.print(r.report().toTable().lines().limit(6).reduce("", (a, b) -> a + b + "\n"));
                System.out.println("  ... (" + r.report().layers().size() + " layers)");
                System.out.println();
            }
        }
        System.out.println();
        System.out.println("ratio = DL4J ModelSerializer fp32 file (" + dl4jBytes + " bytes) / artifact file");
        System.out.println("energy meter: " + meter.provider() + (meter.meter().estimated() ? " (ESTIMATE)" : "")
                + "; " + meter.reason().lines().findFirst().orElse(""));
        System.out.println("artifacts written to " + out.toAbsolutePath());
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static int argmax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
