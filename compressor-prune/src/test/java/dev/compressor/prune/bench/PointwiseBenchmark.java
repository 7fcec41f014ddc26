package dev.compressor.prune.bench;

import dev.compressor.prune.structured.PointwiseConvolutions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The choices behind {@code DirectPointwiseConvolution}, measured in thread CPU time (run with
 * {@code OMP_NUM_THREADS=1}):
 * <ol>
 *   <li>a 1x1 convolution of a batch of NCHW activations: one GEMM per example on views, against
 *       ND4J's batched matmul (weights broadcast to the batch) and against copying to NHWC for one
 *       GEMM;</li>
 *   <li>a training step of one ResNet bottleneck (batch 1 and 8) with DL4J's convolutions and with
 *       direct 1x1 convolutions;</li>
 *   <li>the copy a stride-2 1x1 convolution makes of every other row and column of its input, at the
 *       input sizes of the zoo ResNet-50's stride-2 reduce and projection convolutions (55x55 to 7x7), planar (NCHW) and
 *       interleaved (NHWC memory): ND4J's dup of the strided view, ND4J's assign into an array
 *       allocated beforehand, and a plain Java loop over the memory into one; then batch-1 inference
 *       of those stride-2 1x1 convolutions alone, DL4J's layer against the direct one.</li>
 * </ol>
 *
 * <p>Run: {@code mvn -B -o -pl compressor-prune test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-Xmx4g -cp %classpath dev.compressor.prune.bench.PointwiseBenchmark"}
 * (arguments: the parts to run, {@code batch}, {@code training} and {@code strided}; default all).
 */
public final class PointwiseBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PointwiseBenchmark() {
    }

    /**
     * Prints both measurements as Markdown rows.
     *
     * @param args the parts to run ({@code batch}, {@code training}, {@code strided}); none for all
     * @throws java.io.IOException if the load average cannot be read
     */
    public static void main(String[] args) throws java.io.IOException {
        java.util.List<String> parts = args.length == 0 ? java.util.List.of("batch", "training", "strided")
                : java.util.List.of(args);
        System.out.printf(Locale.ROOT, "OMP_NUM_THREADS=%s, load average %s%n", System.getenv("OMP_NUM_THREADS"),
                Files.readString(Path.of("/proc/loadavg")).trim());
        if (parts.contains("batch")) {
            batchStrategies(16);
        }
        if (parts.contains("training")) {
            for (int n : new int[] {1, 8}) {
                trainingStep(n);
            }
        }
        if (parts.contains("strided")) {
            stridedCopies();
            stridedLayers();
        }
    }

    private static void stridedCopies() {
        System.out.println("| input [c, h, w], batch 1 | layout | ND4J dup of the strided view | ND4J assign into"
                + " an allocated array | Java loop into an allocated array |");
        for (int[] d : new int[][] {{64, 55, 55}, {256, 28, 28}, {512, 14, 14}, {1024, 7, 7}}) {
            int c = d[0];
            int h = d[1];
            int w = d[2];
            for (boolean interleaved : new boolean[] {false, true}) {
                INDArray x = interleaved ? Nd4j.rand(DataType.FLOAT, 1, h, w, c).permute(0, 3, 1, 2)
                        : Nd4j.rand(DataType.FLOAT, 1, c, h, w);
                INDArray target = interleaved
                        ? Nd4j.createUninitialized(DataType.FLOAT, 1, (h + 1) / 2, (w + 1) / 2, c).permute(0, 3, 1, 2)
                        : Nd4j.createUninitialized(DataType.FLOAT, 1, c, (h + 1) / 2, (w + 1) / 2);
                long[][] t = new long[3][15];
                for (int r = 0; r < t[0].length; r++) {
                    for (int v = 0; v < 3; v++) {
                        long c0 = THREADS.getCurrentThreadCpuTime();
                        INDArray view = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2, h),
                                NDArrayIndex.interval(0, 2, w));
                        if (v == 0) {
                            (interleaved ? view.permute(0, 2, 3, 1) : view).dup('c');
                        } else if (v == 1) {
                            target.assign(view);
                        } else {
                            javaCopy(x, target, interleaved);
                        }
                        t[v][r] = THREADS.getCurrentThreadCpuTime() - c0;
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f ms | %.3f ms | %.3f ms |%n", Arrays.toString(d),
                        interleaved ? "interleaved" : "planar", median(t[0]) / 1e6, median(t[1]) / 1e6,
                        median(t[2]) / 1e6);
            }
        }
    }

    private static void stridedLayers() {
        System.out.println("| stride-2 1x1 convolution, batch 1, input planar | DL4J | direct | ratio |");
        for (int[] d : new int[][] {{64, 55, 55, 64}, {64, 55, 55, 256}, {256, 28, 28, 128}, {256, 28, 28, 512},
                {512, 14, 14, 256}, {512, 14, 14, 1024}, {1024, 7, 7, 512}, {1024, 7, 7, 2048}}) {
            MultiLayerNetwork dl4j = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                    .layer(new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(d[3])
                            .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build())
                    .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                            .build())
                    .setInputType(InputType.convolutional(d[1], d[2], d[0]))
                    .build());
            dl4j.init();
            MultiLayerNetwork direct = PointwiseConvolutions.directGemm(dl4j);
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, d[0], d[1], d[2]);
            long[][] t = new long[2][18];
            for (int r = 0; r < t[0].length; r++) {
                for (int v = 0; v < 2; v++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    (v == 0 ? dl4j : direct).output(x);
                    t[v][r] = THREADS.getCurrentThreadCpuTime() - c0;
                }
            }
            long a = median(Arrays.copyOfRange(t[0], 3, t[0].length));
            long b = median(Arrays.copyOfRange(t[1], 3, t[1].length));
            System.out.printf(Locale.ROOT, "| [%d, %d, %d] -> %d (15 after 3 warm-up) | %.2f ms | %.2f ms | %.3f |%n",
                    d[0], d[1], d[2], d[3], a / 1e6, b / 1e6, (double) b / a);
        }
    }

    /** Every other row and column of a c-contiguous batch-1 input, by loops over the NIO buffers. */
    private static void javaCopy(INDArray x, INDArray target, boolean interleaved) {
        java.nio.FloatBuffer src = x.data().asNioFloat();
        java.nio.FloatBuffer dst = target.data().asNioFloat();
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int k = (int) target.offset();
        int base = (int) x.offset();
        if (interleaved) { // one bulk copy of a pixel's channels
            for (int i = 0; i < h; i += 2) {
                for (int j = 0; j < w; j += 2) {
                    dst.put(k, src, base + (i * w + j) * c, c);
                    k += c;
                }
            }
        } else {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h; i += 2) {
                    for (int j = 0; j < w; j += 2) {
                        dst.put(k++, src.get(base + (ch * h + i) * w + j));
                    }
                }
            }
        }
    }

    private static void batchStrategies(int n) {
        System.out.println("| batch 16, [out, in, h*w] | one GEMM per example | batched matmul | copy to NHWC + one GEMM |");
        for (int[] s : new int[][] {{256, 64, 3136}, {64, 256, 3136}, {2048, 512, 49}, {512, 2048, 49}}) {
            INDArray w = Nd4j.rand(DataType.FLOAT, s[0], s[1]);
            INDArray x = Nd4j.rand(DataType.FLOAT, n, s[1], s[2]);
            INDArray z = Nd4j.create(DataType.FLOAT, n, s[0], s[2]);
            long[][] t = new long[3][7];
            for (int r = 0; r < t[0].length; r++) {
                for (int v = 0; v < 3; v++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    if (v == 0) {
                        for (int i = 0; i < n; i++) {
                            Nd4j.gemm(w, x.slice(i), z.slice(i), false, false, 1.0, 0.0);
                        }
                    } else if (v == 1) {
                        Nd4j.matmul(w.reshape(1, s[0], s[1]).broadcast(n, s[0], s[1]), x);
                    } else {
                        INDArray rows = x.permute(0, 2, 1).dup('c').reshape(n * s[2], s[1]);
                        Nd4j.gemm(rows, w, Nd4j.create(DataType.FLOAT, n * s[2], s[0]), false, true, 1.0, 0.0);
                    }
                    t[v][r] = THREADS.getCurrentThreadCpuTime() - c0;
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms |%n", Arrays.toString(s),
                    median(t[0]) / 1e6, median(t[1]) / 1e6, median(t[2]) / 1e6);
        }
    }

    private static void trainingStep(int n) {
        ComputationGraph dl4j = bottleneck();
        ComputationGraph direct = PointwiseConvolutions.directGemm(dl4j);
        Nd4j.getRandom().setSeed(n);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 256, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        long[][] t = new long[2][9];
        for (int r = 0; r < t[0].length; r++) {
            for (int v = 0; v < 2; v++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                (v == 0 ? dl4j : direct).fit(new INDArray[] {x}, new INDArray[] {y});
                t[v][r] = THREADS.getCurrentThreadCpuTime() - c0;
            }
        }
        long[] a = Arrays.copyOfRange(t[0], 2, t[0].length);
        long[] b = Arrays.copyOfRange(t[1], 2, t[1].length);
        System.out.printf(Locale.ROOT, "| bottleneck 256-64-64-256 at 28x28, batch %d, fit step (7 after 2 warm-up) |"
                + " DL4J %.1f ms | direct 1x1 %.1f ms | %.3f |%n", n, median(a) / 1e6, median(b) / 1e6,
                (double) median(b) / median(a));
    }

    private static ComputationGraph bottleneck() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(28, 28, 256))
                .addLayer("a", conv(1, 64), "in")
                .addLayer("abn", new BatchNormalization.Builder().build(), "a")
                .addLayer("ar", new ActivationLayer(Activation.RELU), "abn")
                .addLayer("b", conv(3, 64), "ar")
                .addLayer("bbn", new BatchNormalization.Builder().build(), "b")
                .addLayer("br", new ActivationLayer(Activation.RELU), "bbn")
                .addLayer("c", conv(1, 256), "br")
                .addLayer("cbn", new BatchNormalization.Builder().build(), "c")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "cbn", "in")
                .addLayer("r", new ActivationLayer(Activation.RELU), "add")
                .addLayer("p", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "r")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "p")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static ConvolutionLayer conv(int k, int out) {
        return new ConvolutionLayer.Builder(k, k).nOut(out).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.IDENTITY).build();
    }

    private static long median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
