package dev.compressor.prune.bench;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.prune.Pruning;
import dev.compressor.prune.UnstructuredPruning;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.VGG16;

/**
 * The public pruning path as a user calls it (issue 19, part 1): {@code Pruning.global(0.9).compress(vgg16)}
 * alone (the figure) and with its report read ({@code report().total()}), on the DL4J zoo's VGG-16 (138 M
 * parameters, initialised from the zoo's seed: nothing is downloaded), beside {@code System.arraycopy}
 * of the same bytes. Also prints the public steps one by one ({@code CompressionState.of},
 * {@code masks}, {@code apply}, {@code CompressionResult.of}, {@code report()}). Calls only public
 * API. Median (and best) of {@code -Druns=N} timed runs after {@code -Dwarmups=N} untimed ones. The
 * command is in docs/benchmarks.md.
 */
public final class GlobalPruningBenchmark {

    private static final int RUNS = Integer.getInteger("runs", 5);
    private static final int WARMUPS = Integer.getInteger("warmups", 1);

    private GlobalPruningBenchmark() {
    }

    /**
     * Runs the benchmark and prints one line per measured path.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        ComputationGraph vgg = VGG16.builder().numClasses(1000).build().init();
        long bytes = 4L * vgg.numParams();
        System.out.printf(Locale.ROOT, "VGG-16: %d parameters (%.1f MiB fp32); JVM %s; %d runs after %d warm-ups%n",
                vgg.numParams(), bytes / 1048576.0, Runtime.version(), RUNS, WARMUPS);
        float[] src = new float[(int) vgg.numParams()];
        Arrays.fill(src, 1.5f);
        float[] dst = new float[src.length];
        double[] copy = time(() -> {
            System.arraycopy(src, 0, dst, 0, src.length);
            return dst;
        });
        UnstructuredPruning prune = Pruning.global(0.9);
        double[] compress = time(() -> prune.compress(vgg));
        double[] whole = time(() -> prune.compress(vgg).report().total());
        print("System.arraycopy float[] to float[]", bytes, copy, copy);
        print("global(0.9).compress(vgg16)", bytes, compress, copy);
        print("global(0.9).compress(vgg16) + report()", bytes, whole, copy);

        CompressionState s0 = CompressionState.of(vgg, 42);
        double[] state = time(() -> CompressionState.of(vgg, 42));
        double[] masks = time(() -> prune.masks(s0));
        double[] apply = time(() -> prune.apply(s0));
        CompressionState s1 = prune.apply(s0);
        double[] result = time(() -> CompressionResult.of(s1, prune.describe(), 0));
        double[] report = time(() -> CompressionResult.of(s1, prune.describe(), 0).report());
        print("  step: CompressionState.of(network)", bytes, state, copy);
        print("  step: masks(state)", bytes, masks, copy);
        print("  step: apply(state) (masks included)", bytes, apply, copy);
        print("  step: CompressionResult.of(state) (encode)", bytes, result, copy);
        print("  step: CompressionResult.of(state).report()", bytes, report, copy);
        var total = prune.compress(vgg).report().total();
        System.out.printf(Locale.ROOT, "report: %s, sparsity %.4f, SQNR %.2f dB, %d bytes encoded%n", total.encoding(),
                total.sparsity(), total.sqnrDb(), total.encodedBytes());
    }

    /** Seconds of the timed runs: {@code {median, best}}; the result of each run is kept until the next. */
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
        System.out.printf(Locale.ROOT, "%-46s %8.3f s (best %8.3f s) %7.3f GB/s = %.3fx arraycopy%n", what, s[0], s[1],
                bytes / s[0] / 1e9, copy[0] / s[0]);
    }
}
