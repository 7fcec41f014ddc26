package dev.compressor.quant.bench;

import dev.compressor.api.CompressionReport;
import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.quant.Quantization;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * The public compress path as a user calls it, side by side with {@code System.arraycopy} of the same
 * bytes in one run (issue 19, part 1): {@code Quantization.int8PerChannel().compress(network)} with
 * its report read ({@code report().total().sqnrDb()}), on a network of one dense layer
 * {@code nIn = 2^20, nOut = 64} (weights {@code [2^20, 64]} in 'f' order: 64 channels of 2^20
 * contiguous floats, 256 MiB, plus 64 biases; seeded). Also prints the public steps one by one
 * ({@code CompressionState.of}, {@code apply}, {@code CompressionResult.of}, {@code report()}).
 * Calls only public API. Median (and best) of {@code -Druns=N} timed runs after {@code -Dwarmups=N}
 * untimed ones. The command is in docs/benchmarks.md.
 */
public final class PublicPathBenchmark {

    private static final int NIN = Integer.getInteger("nIn", 1 << 20);
    private static final int NOUT = Integer.getInteger("nOut", 64);
    private static final int RUNS = Integer.getInteger("runs", 5);
    private static final int WARMUPS = Integer.getInteger("warmups", 2);

    private PublicPathBenchmark() {
    }

    /**
     * Runs the benchmark and prints one line per measured path.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(19)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(NIN).nOut(NOUT).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        long bytes = 4L * net.numParams();
        System.out.printf(Locale.ROOT, "network: dense %d x %d, %d parameters (%.1f MiB fp32); JVM %s; vector module %s;"
                + " %d runs after %d warm-ups%n", NIN, NOUT, net.numParams(), bytes / 1048576.0,
                Runtime.version(), ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "on" : "off",
                RUNS, WARMUPS);

        float[] src = new float[(int) net.numParams()];
        Arrays.fill(src, 1.5f);
        float[] dst = new float[src.length];
        double[] copy = time(() -> {
            System.arraycopy(src, 0, dst, 0, src.length);
            return dst;
        });
        Compressor int8 = Quantization.int8PerChannel();
        double[] alone = time(() -> int8.compress(net));
        double[] whole = time(() -> {
            CompressionResult r = int8.compress(net);
            return r.report().total().sqnrDb();
        });
        print("System.arraycopy float[] to float[]", bytes, copy, copy);
        print("int8PerChannel().compress(network)", bytes, alone, copy);
        print("int8PerChannel().compress(network) + report()", bytes, whole, copy);

        double[] state = time(() -> CompressionState.of(net, 42));
        CompressionState s0 = CompressionState.of(net, 42);
        double[] apply = time(() -> int8.apply(s0));
        CompressionState s1 = int8.apply(s0);
        double[] result = time(() -> CompressionResult.of(s1, int8.describe(), 0));
        double[] report = time(() -> {
            CompressionReport rep = CompressionResult.of(s1, int8.describe(), 0).report();
            return rep.total();
        });
        print("  step: CompressionState.of(network)", bytes, state, copy);
        print("  step: apply(state)", bytes, apply, copy);
        print("  step: CompressionResult.of(state) (encode)", bytes, result, copy);
        print("  step: CompressionResult.of(state).report()", bytes, report, copy);
        CompressionResult r = int8.compress(net);
        System.out.printf(Locale.ROOT, "report: %s, SQNR %.2f dB, %d bytes encoded%n", r.report().total().encoding(),
                r.report().total().sqnrDb(), r.report().total().encodedBytes());
    }

    /** Seconds of the timed runs: {@code {median, best}}; the result of each run is kept alive. */
    static double[] time(Supplier<Object> work) {
        Object sink = null;
        for (int i = 0; i < WARMUPS; i++) {
            sink = work.get();
        }
        double[] t = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            sink = null;
            long t0 = System.nanoTime();
            sink = work.get();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        Arrays.sort(t);
        return new double[] {t[RUNS / 2], t[0]};
    }

    private static void print(String what, long bytes, double[] s, double[] copy) {
        System.out.printf(Locale.ROOT, "%-48s %7.3f GB/s (%8.1f ms) best %7.3f GB/s = %.3fx arraycopy (best %.3fx)%n",
                what, bytes / s[0] / 1e9, s[0] * 1e3, bytes / s[1] / 1e9, copy[0] / s[0], copy[1] / s[1]);
    }
}
