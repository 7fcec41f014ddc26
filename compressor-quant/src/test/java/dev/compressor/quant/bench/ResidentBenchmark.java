package dev.compressor.quant.bench;

import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.quant.Quantization;
import dev.compressor.quant.ResidentNetworks;
import dev.compressor.api.profile.PairedProfile;
import dev.compressor.api.profile.PairedProfiler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Resident-quantized versus fp32 on VGG-16's three dense layers alone, the zoo ResNet-50 and VGG-16
 * (seeded weights, nothing downloaded): resident weight memory, agreement with the
 * dequantize-at-load twin, and batch-1 latency ratios with 95 % intervals from interleaved rounds
 * (the study's paired protocol, {@link PairedProfiler}), with fp32 against itself as the negative
 * control. See docs/benchmarks.md for the command. Arguments: model names (vgg16-dense, resnet50,
 * vgg16), default all three; system properties {@code rounds} (default 30) and {@code warmup} (most
 * warm-up rounds, default 10).
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

    /** VGG-16's three dense layers alone (25088-4096-4096-1000, ReLU, softmax), seeded. */
    static MultiLayerNetwork vgg16Dense() {
        MultiLayerNetwork m = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .weightInit(WeightInit.RELU).list()
                .layer(new DenseLayer.Builder().name("fc6").nIn(25088).nOut(4096).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("fc7").nIn(4096).nOut(4096).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("fc8").nIn(4096).nOut(1000)
                        .activation(Activation.SOFTMAX).build())
                .build());
        m.init();
        return m;
    }

    /**
     * Compresses one network with int8 and int4 per-channel, restores each artifact both ways, and
     * measures five arms in interleaved rounds ({@link PairedProfiler}, order rotated per round): fp32
     * (the int8 artifact dequantized at load: fp32 arithmetic), the same again (the negative control:
     * it must come out "same"), resident int8, resident int4, and int4 dequantized at load.
     */
    static void run(String name, int warmup, int rounds) throws Exception {
        Model net = name.equals("vgg16-dense") ? vgg16Dense() : build(name);
        long params = net.numParams();
        INDArray x = Nd4j.rand(DataType.FLOAT, name.equals("vgg16-dense") ? new long[] {1, 25088}
                : new long[] {1, 3, 224, 224});
        CompressedModel int8 = Quantization.int8PerChannel().compress(net).artifact();
        CompressedModel int4 = Quantization.linear(4).build().compress(net).artifact();
        net = null;
        System.gc();
        Map<String, Model> arms = new LinkedHashMap<>();
        arms.put("fp32", int8.restore(RuntimeMode.DEQUANTIZE_AT_LOAD));
        arms.put("fp32 again (control)", int8.restore(RuntimeMode.DEQUANTIZE_AT_LOAD));
        arms.put("resident int8", int8.restore(RuntimeMode.RESIDENT_QUANTIZED));
        arms.put("resident int4", int4.restore(RuntimeMode.RESIDENT_QUANTIZED));
        arms.put("int4 at load", int4.restore(RuntimeMode.DEQUANTIZE_AT_LOAD));
        long fp32Bytes = ResidentNetworks.memory(arms.get("fp32")).totalBytes();
        System.out.printf(Locale.ROOT, "%n%s: %,d parameters; fp32 weights %,d B; kernels: %s%n", name, params,
                fp32Bytes, dev.compressor.quant.internal.SimdSupport.describe());
        for (String arm : List.of("resident int8", "resident int4")) {
            ResidentNetworks.ResidentMemory m = ResidentNetworks.memory(arms.get(arm));
            Model twin = arms.get(arm.equals("resident int8") ? "fp32" : "int4 at load");
            System.out.printf(Locale.ROOT, "  %s: weights %,d B (encoded %,d + scratch %,d + fp32 %,d) = %.3fx fp32;"
                    + " output vs its dequantize-at-load twin: relative L2 %.2e%n", arm, m.totalBytes(),
                    m.encodedBytes(), m.scratchBytes(), m.denseBytes(), (double) m.totalBytes() / fp32Bytes,
                    relativeL2(output(twin, x), output(arms.get(arm), x)));
        }
        Map<String, Supplier<Object>> inference = new LinkedHashMap<>();
        arms.forEach((k, v) -> inference.put(k, PairedProfiler.inference(v, x)));
        PairedProfile p = PairedProfiler.builder().maxWarmupRounds(warmup).rounds(rounds).minRounds(rounds).build()
                .compare(inference);
        System.out.printf(Locale.ROOT, "  %d rounds after %d warm-up rounds (settled: %s); batch 1%n", p.rounds(),
                p.warmupRounds(), p.warmupSettled());
        for (String arm : arms.keySet()) {
            String ratio = arm.equals("fp32") ? "" : "  vs fp32 " + p.latencyRatio(arm, "fp32").format();
            System.out.printf(Locale.ROOT, "  %-22s p50 %8.2f ms%s%n", arm, p.latency(arm).p50Nanos() / 1e6, ratio);
        }
        System.out.printf(Locale.ROOT, "  %-22s vs int4 at load %s%n", "resident int4",
                p.latencyRatio("resident int4", "int4 at load").format());
    }

    private static INDArray output(Model m, INDArray x) {
        return m instanceof MultiLayerNetwork n ? n.output(x) : ((ComputationGraph) m).outputSingle(x);
    }

    private static double relativeL2(INDArray expected, INDArray got) {
        return got.sub(expected).norm2Number().doubleValue() / Math.max(1e-30, expected.norm2Number().doubleValue());
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("warmup", 10);
        int rounds = Integer.getInteger("rounds", 30);
        String[] models = args.length == 0 ? new String[] {"vgg16-dense", "resnet50", "vgg16"} : args;
        System.out.printf(Locale.ROOT, "JVM %s, %d processors, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (String m : models) {
            run(m, warmup, rounds);
            System.gc();
        }
    }
}
