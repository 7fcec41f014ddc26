package dev.compressor.quant.bench;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.api.profile.Profile;
import dev.compressor.api.profile.Profiler;
import dev.compressor.quant.Quantization;
import dev.compressor.quant.ResidentNetworks;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Resident-quantized versus dequantize-at-load on the zoo ResNet-50 and VGG-16 (seeded weights,
 * nothing downloaded): resident weight memory and batch-1 latency of both runtime modes of the same
 * artifact, their ratios, and how far the outputs agree. See docs/benchmarks.md for the command.
 * Arguments: model names (resnet50, vgg16), default both; system properties {@code iterations}
 * (default 8) and {@code warmup} (default 2).
 */
final class ResidentBenchmark {

    private ResidentBenchmark() {
    }

    static ComputationGraph build(String name) {
        return switch (name) {
            case "resnet50" -> ResNet50.builder().numClasses(1000).seed(42).build().init();
            case "vgg16" -> VGG16.builder().numClasses(1000).seed(42).build().init();
            default -> throw new IllegalArgumentException("unknown model " + name + "; use resnet50 or vgg16");
        };
    }

    static void run(String name, Compressor compressor, int warmup, int iterations) throws Exception {
        ComputationGraph net = build(name);
        long params = net.numParams();
        long t0 = System.nanoTime();
        CompressionResult r = compressor.compress(net);
        double compressSeconds = (System.nanoTime() - t0) / 1e9;
        CompressedModel artifact = r.artifact();
        net = null;
        r = null;
        System.gc();
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        Profiler profiler = Profiler.builder().warmupIterations(warmup).measuredIterations(iterations).build();

        ComputationGraph loaded = (ComputationGraph) artifact.restore(RuntimeMode.DEQUANTIZE_AT_LOAD);
        ResidentNetworks.ResidentMemory fullMem = ResidentNetworks.memory(loaded);
        Map<String, INDArray> expected = detached(loaded.feedForward(x, false));
        Profile full = profiler.profile(loaded, x);
        loaded = null;
        System.gc();

        ComputationGraph resident = (ComputationGraph) time("restore resident", () -> {
            try {
                return artifact.restore(RuntimeMode.RESIDENT_QUANTIZED);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ResidentNetworks.ResidentMemory resMem = ResidentNetworks.memory(resident);
        Map<String, INDArray> got = resident.feedForward(x, false);
        double worst = 0;
        int finite = 0;
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            INDArray a = e.getValue();
            if (a.isNaN().any() || a.isInfinite().any()) {
                continue;
            }
            finite++;
            double d = got.get(e.getKey()).sub(a).norm2Number().doubleValue()
                    / Math.max(1e-30, a.norm2Number().doubleValue());
            worst = Math.max(worst, d);
        }
        String output = resident.getConfiguration().getNetworkOutputs().get(0);
        INDArray out = expected.get(output);
        String top1 = out.isNaN().any() || out.isInfinite().any() ? "n/a (the fp32 output is not finite)"
                : String.valueOf(got.get(output).argMax(1).getInt(0) == out.argMax(1).getInt(0));
        Profile res = profiler.profile(resident, x);

        double p50Full = full.latency().p50Nanos() / 1e6;
        double p50Res = res.latency().p50Nanos() / 1e6;
        System.out.printf(Locale.ROOT, "%n%s, %s: %,d parameters, compressed in %.1f s, encoded %,d bytes%n", name,
                compressor.describe(), params, compressSeconds, artifact.encodedBytes());
        System.out.printf(Locale.ROOT, "  dequantize-at-load: weights %,d B resident; latency p50 %.1f ms, mean %.1f ms"
                + " (n=%d)%n", fullMem.totalBytes(), p50Full, full.latency().meanNanos() / 1e6, full.count());
        System.out.printf(Locale.ROOT, "  resident-quantized: weights %,d B resident (encoded %,d + scratch %,d + fp32 %,d);"
                + " latency p50 %.1f ms, mean %.1f ms (n=%d)%n", resMem.totalBytes(), resMem.encodedBytes(),
                resMem.scratchBytes(), resMem.denseBytes(), p50Res, res.latency().meanNanos() / 1e6, res.count());
        System.out.printf(Locale.ROOT, "  ratio resident/dequantized: weight memory %.3f, latency p50 %.2f%n",
                (double) resMem.totalBytes() / fullMem.totalBytes(), p50Res / p50Full);
        System.out.printf(Locale.ROOT, "  agreement: largest relative L2 difference over the %d of %d activations that"
                + " are finite in fp32: %.2e; same top-1: %s%n", finite, expected.size(), worst, top1);
    }

    private static Map<String, INDArray> detached(Map<String, INDArray> acts) {
        Map<String, INDArray> out = new java.util.LinkedHashMap<>();
        acts.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    private static <T> T time(String what, Supplier<T> s) {
        long t0 = System.nanoTime();
        T v = s.get();
        System.out.printf(Locale.ROOT, "  (%s: %.1f s)%n", what, (System.nanoTime() - t0) / 1e9);
        return v;
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("warmup", 2);
        int iterations = Integer.getInteger("iterations", 8);
        String[] models = args.length == 0 ? new String[] {"resnet50", "vgg16"} : args;
        System.out.printf(Locale.ROOT, "JVM %s, %d processors, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (String m : models) {
            run(m, Quantization.int8PerChannel(), warmup, iterations);
            System.gc();
        }
    }
}
