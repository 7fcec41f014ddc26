package dev.compressor.prune.bench;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorState;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.prune.GlobalMagnitude;
import dev.compressor.prune.Mask;
import dev.compressor.prune.structured.ChannelGroup;
import dev.compressor.prune.structured.ChannelPruning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pruning benchmarks, each measured side by side in one run on the zoo's full-size VGG-16 and
 * ResNet-50 (seeded weights; no pretrained weights can be fetched here):
 * <ol>
 *   <li>global magnitude pruning of all VGG-16 weights (138 M) to 90 %: threshold and masks, against
 *       finding the threshold by a full sort;</li>
 *   <li>structured 50 % filter pruning of VGG-16: batch-1 inference latency, pruned vs dense;</li>
 *   <li>ResNet-50 with 50 % of each bottleneck's inner channels removed: latency, pruned vs dense.</li>
 * </ol>
 * Run: {@code mvn -B -o -pl compressor-prune test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-Xmx8g -cp %classpath dev.compressor.prune.bench.PruneBenchmark"}
 * (optional trailing arguments: timed pairs per network, default 10).
 */
public final class PruneBenchmark {

    private PruneBenchmark() {
    }

    /**
     * Runs the three benchmarks and prints Markdown rows.
     *
     * @param args optional: timed inference pairs per network
     */
    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.printf(Locale.ROOT, "cores: %d, max heap: %d MB, java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        ComputationGraph vgg = VGG16.builder().numClasses(1000).build().init();
        CompressionState state = CompressionState.of(vgg, 42);
        globalMagnitude(state);
        ComputationGraph vggPruned = (ComputationGraph) ChannelPruning.ratio(0.5).convolutionsOnly().apply(state)
                .toNetwork();
        state = null;
        latency("VGG-16, 50 % of every convolution's filters removed (L1)", vgg, vggPruned, pairs);
        vgg = null;
        vggPruned = null;
        System.gc();

        ComputationGraph resnet = ResNet50.builder().numClasses(1000).build().init();
        List<String> inner = new ArrayList<>();
        for (ChannelGroup g : ChannelPruning.plan(resnet).prunable()) {
            g.producers().stream().filter(p -> p.matches("res\\d[a-f]_branch2[ab]")).forEach(inner::add);
        }
        ComputationGraph resnetPruned = (ComputationGraph) ChannelPruning.ratio(0.5).layers(inner)
                .apply(CompressionState.of(resnet, 42)).toNetwork();
        latency("ResNet-50, 50 % of the inner channels of all " + inner.size() / 2 + " bottlenecks removed (L1)",
                resnet, resnetPruned, pairs);
    }

    private static void globalMagnitude(CompressionState state) {
        List<FloatTensor> weights = new ArrayList<>();
        long n = 0;
        for (TensorState t : state.tensors()) {
            if (t.info().kind().isWeightLike()) {
                weights.add(t.values());
                n += t.values().length();
            }
        }
        GlobalMagnitude g = new GlobalMagnitude(0.9);
        List<Mask> masks = null;
        long[] nanos = new long[7];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            masks = g.computeMasks(weights);
            nanos[i] = System.nanoTime() - t0;
        }
        long pruned = masks.stream().mapToLong(Mask::prunedCount).sum();
        float maxPruned = 0;
        float minKept = Float.MAX_VALUE;
        for (int t = 0; t < weights.size(); t++) {
            float[] d = weights.get(t).data();
            Mask m = masks.get(t);
            for (int i = 0; i < d.length; i++) {
                if (m.isKept(i)) {
                    minKept = Math.min(minKept, Math.abs(d[i]));
                } else {
                    maxPruned = Math.max(maxPruned, Math.abs(d[i]));
                }
            }
        }
        long s0 = System.nanoTime();
        float[] all = new float[Math.toIntExact(n)];
        int pos = 0;
        for (FloatTensor t : weights) {
            for (float v : t.data()) {
                all[pos++] = Math.abs(v);
            }
        }
        Arrays.sort(all);
        float sortedThreshold = all[(int) Math.round(0.9 * n) - 1];
        long sortNanos = System.nanoTime() - s0;
        long[] timed = Arrays.copyOfRange(nanos, 2, nanos.length);
        Arrays.sort(timed);
        System.out.printf(Locale.ROOT, "%n### Global magnitude pruning, VGG-16 weights%n");
        System.out.printf(Locale.ROOT, "weights: %d in %d tensors; pruned %d (%.6f); max pruned |w| %.6g, min kept |w| %.6g,"
                + " sorted threshold %.6g%n", n, weights.size(), pruned, (double) pruned / n, maxPruned, minKept,
                sortedThreshold);
        System.out.printf(Locale.ROOT, "| threshold + masks (select), 5 runs after 2 warm-up | min %.3f s | median %.3f s"
                + " | max %.3f s |%n", timed[0] / 1e9, timed[timed.length / 2] / 1e9, timed[timed.length - 1] / 1e9);
        System.out.printf(Locale.ROOT, "| threshold by full sort (Arrays.sort of |w|), 1 run | %.3f s | %.1fx slower |%n",
                sortNanos / 1e9, (double) sortNanos / timed[timed.length / 2]);
    }

    private static void latency(String label, ComputationGraph dense, ComputationGraph pruned, int pairs) {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        for (int i = 0; i < 3; i++) {
            run(dense, x);
            run(pruned, x);
        }
        long[] d = new long[pairs];
        long[] p = new long[pairs];
        double[] ratio = new double[pairs];
        for (int i = 0; i < pairs; i++) { // interleaved, so both see the same machine load
            d[i] = run(dense, x);
            p[i] = run(pruned, x);
            ratio[i] = (double) p[i] / d[i];
        }
        Arrays.sort(d);
        Arrays.sort(p);
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "%n### %s%n", label);
        System.out.printf(Locale.ROOT, "parameters: dense %d, pruned %d (%.3fx)%n", dense.numParams(), pruned.numParams(),
                (double) pruned.numParams() / dense.numParams());
        System.out.printf(Locale.ROOT, "| batch-1 latency, %d interleaved pairs after 3 warm-up | dense median %.1f ms"
                + " (min %.1f) | pruned median %.1f ms (min %.1f) | ratio of medians %.3f | median pairwise ratio %.3f"
                + " (range %.3f-%.3f) |%n", pairs, d[pairs / 2] / 1e6, d[0] / 1e6, p[pairs / 2] / 1e6, p[0] / 1e6,
                (double) p[pairs / 2] / d[pairs / 2], ratio[pairs / 2], ratio[0], ratio[pairs - 1]);
    }

    private static long run(ComputationGraph g, INDArray x) {
        long t0 = System.nanoTime();
        INDArray out = g.outputSingle(x);
        Nd4j.getExecutioner().commit();
        long t = System.nanoTime() - t0;
        if (out.getDouble(0) < -1) { // consume the output so no work can be skipped
            System.out.print("");
        }
        return t;
    }
}
