package dev.compressor.prune.bench;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorState;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.prune.GlobalMagnitude;
import dev.compressor.prune.Mask;
import dev.compressor.prune.structured.ChannelGroup;
import dev.compressor.prune.structured.ChannelPruning;
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
 *   <li>ResNet-50 with 50 % of each bottleneck's inner channels removed: latency, pruned vs dense;</li>
 *   <li>ResNet-50 with 50 % of every prunable group removed, residual stages included.</li>
 * </ol>
 * Latency is reported as wall time and as the calling thread's CPU time per inference (run with
 * {@code OMP_NUM_THREADS=1}, so that ND4J's native ops run on that thread); on a shared machine the
 * CPU time ratio is the one other tenants' load distorts least.
 *
 * <p>Run: {@code mvn -B -o -pl compressor-prune test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-Xmx8g -cp %classpath dev.compressor.prune.bench.PruneBenchmark 15"}
 * (arguments: timed pairs per network, default 20; then the parts to run, {@code vgg16} and/or
 * {@code resnet50}, default both), with {@code OMP_NUM_THREADS=1} set on a
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
     * Runs the three benchmarks and prints Markdown rows.
     *
     * @param args optional: timed inference pairs per network
     */
    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> parts = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("vgg16", "resnet50");
        for (String p : parts) {
            if (!p.equals("vgg16") && !p.equals("resnet50")) {
                throw new IllegalArgumentException("unknown part '" + p + "': vgg16 or resnet50");
            }
        }
        System.out.printf(Locale.ROOT, "cores: %d, max heap: %d MB, java %s, OMP_NUM_THREADS=%s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), System.getenv("OMP_NUM_THREADS"), load());
        if (parts.contains("vgg16")) {
            vgg16(pairs);
        }
        if (parts.contains("resnet50")) {
            resnet50(pairs);
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

    private static void resnet50(int pairs) {
        ComputationGraph resnet = ResNet50.builder().numClasses(1000).build().init();
        List<String> inner = new ArrayList<>();
        for (ChannelGroup g : ChannelPruning.plan(resnet).prunable()) {
            g.producers().stream().filter(p -> p.matches("res\\d[a-f]_branch2[ab]")).forEach(inner::add);
        }
        CompressionState resnetState = CompressionState.of(resnet, 42);
        ComputationGraph resnetPruned = (ComputationGraph) ChannelPruning.ratio(0.5).layers(inner)
                .apply(resnetState).toNetwork();
        latency("ResNet-50, 50 % of the inner channels of all " + inner.size() / 2 + " bottlenecks removed (L1)",
                resnet, resnetPruned, pairs);
        resnetPruned = (ComputationGraph) ChannelPruning.ratio(0.5).apply(resnetState).toNetwork();
        latency("ResNet-50, 50 % of every prunable group removed (inner channels, stem, and each residual stage"
                + " as one dependency group)", resnet, resnetPruned, pairs);
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

    private static void latency(String label, ComputationGraph dense, ComputationGraph pruned, int pairs) {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        long[] scratch = new long[2];
        for (int i = 0; i < 3; i++) {
            run(dense, x, scratch);
            run(pruned, x, scratch);
        }
        long[] d = new long[pairs];
        long[] p = new long[pairs];
        long[] dc = new long[pairs];
        long[] pc = new long[pairs];
        double[] ratio = new double[pairs];
        double[] cpuRatio = new double[pairs];
        String loadBefore = load();
        for (int i = 0; i < pairs; i++) { // interleaved, so both see the same machine load
            run(dense, x, scratch);
            d[i] = scratch[0];
            dc[i] = scratch[1];
            run(pruned, x, scratch);
            p[i] = scratch[0];
            pc[i] = scratch[1];
            ratio[i] = (double) p[i] / d[i];
            cpuRatio[i] = (double) pc[i] / dc[i];
        }
        for (long[] a : new long[][] {d, p, dc, pc}) {
            Arrays.sort(a);
        }
        Arrays.sort(ratio);
        Arrays.sort(cpuRatio);
        int m = pairs / 2;
        System.out.printf(Locale.ROOT, "%n### %s%n", label);
        System.out.printf(Locale.ROOT, "parameters: dense %d, pruned %d (%.3fx); load average before %s, after %s%n",
                dense.numParams(), pruned.numParams(), (double) pruned.numParams() / dense.numParams(), loadBefore, load());
        System.out.printf(Locale.ROOT, "| wall latency, batch 1, %d interleaved pairs after 3 warm-up | dense median %.1f ms"
                + " (min %.1f) | pruned median %.1f ms (min %.1f) | ratio of medians %.3f, of minima %.3f |"
                + " median pairwise %.3f (range %.3f-%.3f) |%n", pairs, d[m] / 1e6, d[0] / 1e6, p[m] / 1e6, p[0] / 1e6,
                (double) p[m] / d[m], (double) p[0] / d[0], ratio[m], ratio[0], ratio[pairs - 1]);
        System.out.printf(Locale.ROOT, "| thread CPU time per inference | dense median %.1f ms (min %.1f) | pruned median"
                + " %.1f ms (min %.1f) | ratio of medians %.3f, of minima %.3f | median pairwise %.3f (range %.3f-%.3f)"
                + " |%n", dc[m] / 1e6, dc[0] / 1e6, pc[m] / 1e6, pc[0] / 1e6, (double) pc[m] / dc[m],
                (double) pc[0] / dc[0], cpuRatio[m], cpuRatio[0], cpuRatio[pairs - 1]);
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
