package dev.compressor.quant.bench;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RuntimeMode;
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
 * artifact, measured in interleaved pairs (wall clock and process CPU time), their ratios, and how
 * far the activations agree. See docs/benchmarks.md for the command.
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

        ComputationGraph loaded = (ComputationGraph) artifact.restore(RuntimeMode.DEQUANTIZE_AT_LOAD);
        ComputationGraph resident = (ComputationGraph) time("restore resident", () -> {
            try {
                return artifact.restore(RuntimeMode.RESIDENT_QUANTIZED);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ResidentNetworks.ResidentMemory fullMem = ResidentNetworks.memory(loaded);
        ResidentNetworks.ResidentMemory resMem = ResidentNetworks.memory(resident);

        Map<String, INDArray> expected = detached(loaded.feedForward(x, false));
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
        expected = null;
        got = null;

        // interleaved pairs (fp32, resident, fp32, resident, ...): both modes see the same machine state
        for (int i = 0; i < warmup; i++) {
            consume(loaded.outputSingle(x));
            consume(resident.outputSingle(x));
        }
        long[][] wall = new long[2][iterations];
        long[][] cpu = new long[2][iterations];
        ComputationGraph[] modes = {loaded, resident};
        for (int i = 0; i < iterations; i++) {
            for (int m = 0; m < 2; m++) {
                int mode = (i % 2 == 0) ? m : 1 - m;
                long c0 = processCpuNanos();
                long w0 = System.nanoTime();
                consume(modes[mode].outputSingle(x));
                Nd4j.getExecutioner().commit();
                wall[mode][i] = System.nanoTime() - w0;
                cpu[mode][i] = processCpuNanos() - c0;
            }
        }
        double wFull = median(wall[0]) / 1e6;
        double wRes = median(wall[1]) / 1e6;
        double cFull = median(cpu[0]) / 1e6;
        double cRes = median(cpu[1]) / 1e6;
        System.out.printf(Locale.ROOT, "%n%s, %s: %,d parameters, compressed in %.1f s, encoded %,d bytes%n", name,
                compressor.describe(), params, compressSeconds, artifact.encodedBytes());
        System.out.printf(Locale.ROOT, "  dequantize-at-load: weights %,d B resident; batch-1 latency p50 %.1f ms wall,"
                + " %.1f ms process CPU (n=%d)%n", fullMem.totalBytes(), wFull, cFull, iterations);
        System.out.printf(Locale.ROOT, "  resident-quantized: weights %,d B resident (encoded %,d + scratch %,d + fp32 %,d);"
                + " latency p50 %.1f ms wall, %.1f ms process CPU%n", resMem.totalBytes(), resMem.encodedBytes(),
                resMem.scratchBytes(), resMem.denseBytes(), wRes, cRes);
        System.out.printf(Locale.ROOT, "  ratio resident/dequantized: weight memory %.3f, latency p50 %.2f (wall), %.2f"
                + " (process CPU)%n", (double) resMem.totalBytes() / fullMem.totalBytes(), wRes / wFull, cRes / cFull);
        System.out.printf(Locale.ROOT, "  agreement: largest relative L2 difference over the %d activations that are"
                + " finite in fp32: %.2e; same top-1: %s%n", finite, worst, top1);
    }

    private static double sink;

    private static void consume(INDArray a) {
        sink += a.getDouble(0);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    private static double median(long[] v) {
        long[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
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
