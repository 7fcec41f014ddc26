package dev.compressor.prune.bench;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorState;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.prune.GlobalMagnitude;
import dev.compressor.prune.Mask;
import dev.compressor.prune.structured.BatchNormFolding;
import dev.compressor.prune.structured.ChannelGroup;
import dev.compressor.prune.structured.ChannelPruning;
import dev.compressor.prune.structured.PointwiseConvolutions;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *   <li>ResNet-50 with 50 % of each bottleneck's inner channels removed: latency of the dense and the
 *       pruned network, each with DL4J's convolutions, with direct 1x1 convolutions
 *       ({@link PointwiseConvolutions#directGemm}) and with direct 1x1 convolutions and batch norm
 *       folded into the convolutions ({@link BatchNormFolding#fold}), all six interleaved in one
 *       run;</li>
 *   <li>ResNet-50 with 50 % of every prunable group removed, residual stages included.</li>
 * </ol>
 * Latency is reported as wall time and as the calling thread's CPU time per inference (run with
 * {@code OMP_NUM_THREADS=1}, so that ND4J's native ops run on that thread); on a shared machine the
 * CPU time ratio is the one other tenants' load distorts least.
 *
 * <p>Run: {@code mvn -B -o -pl compressor-prune test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-Xmx8g -cp %classpath dev.compressor.prune.bench.PruneBenchmark 15"}
 * (arguments: timed pairs (rounds) per network, default 20; then the parts to run, {@code vgg16},
 * {@code resnet50} (both ResNet-50 cases) or {@code resnet50-inner} (the inner-channel case only),
 * default {@code vgg16 resnet50}), with {@code OMP_NUM_THREADS=1} set on a
 * loaded two-core machine.
 */
public final class PruneBenchmark {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PruneBenchmark() {
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    /**
     * Runs the benchmarks and prints Markdown rows.
     *
     * @param args optional: timed inference pairs per network
     */
    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> parts = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("vgg16", "resnet50");
        for (String p : parts) {
            if (!List.of("vgg16", "resnet50", "resnet50-inner").contains(p)) {
                throw new IllegalArgumentException("unknown part '" + p + "': vgg16, resnet50 or resnet50-inner");
            }
        }
        System.out.printf(Locale.ROOT, "cores: %d, max heap: %d MB, java %s, OMP_NUM_THREADS=%s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), System.getenv("OMP_NUM_THREADS"), load());
        if (parts.contains("vgg16")) {
            vgg16(pairs);
        }
        if (parts.contains("resnet50") || parts.contains("resnet50-inner")) {
            resnet50(pairs, parts.contains("resnet50"));
        }
    }

    private static void vgg16(int pairs) {
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
    }

    private static void resnet50(int pairs, boolean everyGroup) {
        ComputationGraph resnet = ResNet50.builder().numClasses(1000).build().init();
        List<String> inner = new ArrayList<>();
        for (ChannelGroup g : ChannelPruning.plan(resnet).prunable()) {
            g.producers().stream().filter(p -> p.matches("res\\d[a-f]_branch2[ab]")).forEach(inner::add);
        }
        CompressionState resnetState = CompressionState.of(resnet, 42);
        // DL4J's own layers first (the earlier figure), then the same networks with direct 1x1 convolutions
        ComputationGraph resnetPruned = (ComputationGraph) ChannelPruning.ratio(0.5).layers(inner)
                .apply(resnetState).toNetwork();
        ComputationGraph resnetDirect = PointwiseConvolutions.directGemm(resnet);
        ComputationGraph prunedDirect = PointwiseConvolutions.directGemm(resnetPruned);
        System.out.printf(Locale.ROOT, "%ndirect 1x1 convolutions: %d of the dense network's layers, %d of the pruned"
                + " network's%n", PointwiseConvolutions.eligibleLayers(resnet).size(),
                PointwiseConvolutions.eligibleLayers(resnetPruned).size());
        // and with every inference optimisation: batch norm folded into the convolutions, direct 1x1
        ComputationGraph denseFolded = BatchNormFolding.fold(resnetDirect);
        ComputationGraph prunedFolded = BatchNormFolding.fold(prunedDirect);
        System.out.printf(Locale.ROOT, "batch norm folded: %d of the dense network's %d layers, %d of the pruned"
                + " network's%n", BatchNormFolding.foldable(resnetDirect).size(), resnet.getLayers().length,
                BatchNormFolding.foldable(prunedDirect).size());
        latency("ResNet-50, 50 % of the inner channels of all " + inner.size() / 2 + " bottlenecks removed (L1),"
                + " with and without direct 1x1 convolutions and folded batch norm",
                List.of(new Named("dense", resnet), new Named("pruned", resnetPruned),
                        new Named("dense+direct1x1", resnetDirect), new Named("pruned+direct1x1", prunedDirect),
                        new Named("dense+fold+direct1x1", denseFolded),
                        new Named("pruned+fold+direct1x1", prunedFolded)),
                List.of(new int[] {0, 1}, new int[] {0, 3}, new int[] {2, 3}, new int[] {0, 2}, new int[] {4, 5},
                        new int[] {0, 5}, new int[] {2, 4}), pairs);
        if (!everyGroup) {
            return;
        }
        resnetDirect = null;
        prunedDirect = null;
        denseFolded = null;
        prunedFolded = null;
        resnetPruned = (ComputationGraph) ChannelPruning.ratio(0.5).apply(resnetState).toNetwork();
        latency("ResNet-50, 50 % of every prunable group removed (inner channels, stem, and each residual stage"
                + " as one dependency group), DL4J's layers", resnet, resnetPruned, pairs);
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
        long[] nanos = new long[9];
        long[] cpu = new long[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            long c0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            masks = g.computeMasks(weights);
            nanos[i] = System.nanoTime() - t0;
            cpu[i] = OS.getProcessCpuTime() - c0;
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
        long[] timedCpu = Arrays.copyOfRange(cpu, 2, cpu.length);
        Arrays.sort(timedCpu);
        System.out.printf(Locale.ROOT, "%n### Global magnitude pruning, VGG-16 weights%n");
        System.out.printf(Locale.ROOT, "weights: %d in %d tensors; pruned %d (%.6f); max pruned |w| %.6g, min kept |w| %.6g,"
                + " sorted threshold %.6g%n", n, weights.size(), pruned, (double) pruned / n, maxPruned, minKept,
                sortedThreshold);
        System.out.printf(Locale.ROOT, "| threshold + masks (select), %d runs after 2 warm-up | wall min %.3f s | median %.3f s"
                + " | max %.3f s | process CPU median %.3f s | load %s |%n", timed.length, timed[0] / 1e9,
                timed[timed.length / 2] / 1e9, timed[timed.length - 1] / 1e9, timedCpu[timedCpu.length / 2] / 1e9, load());
        System.out.printf(Locale.ROOT, "| threshold by full sort (Arrays.sort of |w|), 1 run | %.3f s | %.1fx slower |%n",
                sortNanos / 1e9, (double) sortNanos / timed[timed.length / 2]);
    }

    /** A network under test and its label. */
    private record Named(String name, ComputationGraph net) {
    }

    private static void latency(String label, ComputationGraph dense, ComputationGraph pruned, int pairs) {
        latency(label, List.of(new Named("dense", dense), new Named("pruned", pruned)), List.of(new int[] {0, 1}),
                pairs);
    }

    /**
     * Batch-1 latency of several networks measured in interleaved rounds (each round runs every
     * network once, starting with a different one each round, so all see the same machine load);
     * then one row per comparison {@code {base, other}}: medians, and the ratio other / base.
     */
    private static void latency(String label, List<Named> nets, List<int[]> comparisons, int rounds) {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        long[] scratch = new long[2];
        int k = nets.size();
        for (int i = 0; i < 3; i++) {
            for (Named n : nets) {
                run(n.net(), x, scratch);
            }
        }
        long[][] wall = new long[k][rounds];
        long[][] cpu = new long[k][rounds];
        String loadBefore = load();
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < k; j++) {
                int which = (j + r) % k;
                run(nets.get(which).net(), x, scratch);
                wall[which][r] = scratch[0];
                cpu[which][r] = scratch[1];
            }
        }
        String loadAfter = load();
        System.out.printf(Locale.ROOT, "%n### %s%n", label);
        System.out.printf(Locale.ROOT, "%d interleaved rounds after 3 warm-up, batch 1; load average before %s, after %s%n",
                rounds, loadBefore, loadAfter);
        for (int j = 0; j < k; j++) {
            System.out.printf(Locale.ROOT, "| %s | parameters %d | wall median %.1f ms (min %.1f) | thread CPU median"
                    + " %.1f ms (min %.1f) |%n", nets.get(j).name(), nets.get(j).net().numParams(),
                    median(wall[j]) / 1e6, min(wall[j]) / 1e6, median(cpu[j]) / 1e6, min(cpu[j]) / 1e6);
        }
        System.out.println("| comparison | wall: ratio of medians (of minima), median pairwise (range) | thread CPU: ratio"
                + " of medians (of minima), median pairwise (range) |");
        for (int[] c : comparisons) {
            System.out.printf(Locale.ROOT, "| %s vs %s | %s | %s |%n", nets.get(c[1]).name(), nets.get(c[0]).name(),
                    ratios(wall[c[0]], wall[c[1]]), ratios(cpu[c[0]], cpu[c[1]]));
        }
    }

    private static String ratios(long[] base, long[] other) {
        double[] pairwise = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            pairwise[i] = (double) other[i] / base[i];
        }
        Arrays.sort(pairwise);
        return String.format(Locale.ROOT, "%.3f (%.3f), %.3f (%.3f-%.3f)", median(other) / median(base),
                (double) min(other) / min(base), pairwise[pairwise.length / 2], pairwise[0],
                pairwise[pairwise.length - 1]);
    }

    private static double median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long min(long[] a) {
        return Arrays.stream(a).min().orElseThrow();
    }

    /**
     * One inference; writes wall and calling-thread CPU nanoseconds into {@code out} (with
     * OMP_NUM_THREADS=1 the native ops run on the calling thread).
     */
    private static void run(ComputationGraph g, INDArray x, long[] out) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        INDArray y = g.outputSingle(x);
        Nd4j.getExecutioner().commit();
        out[0] = System.nanoTime() - t0;
        out[1] = THREADS.getCurrentThreadCpuTime() - c0;
        if (y.getDouble(0) < -1) { // consume the output so no work can be skipped
            System.out.print("");
        }
    }
}
