package dev.compressor.quant.bench;

import com.google.common.base.Ticker;
import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.ChannelSplit;
import dev.compressor.quant.LinearGrid;
import dev.compressor.quant.QuantScheme;
import dev.compressor.quant.internal.CodebookEncoder;
import dev.compressor.quant.internal.KMeans1D;
import dev.compressor.quant.internal.LinearIntEncoder;
import dev.compressor.quant.internal.LinearIntEncoding;
import dev.compressor.quant.internal.MinMaxBlobs;
import dev.compressor.quant.internal.SimdSupport;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Codec throughput, side by side in one run: System.arraycopy, an ND4J element-wise chain, a plain
 * Java loop, int8 per-channel ranges, quantize, encode and decode of a 64M-element fp32 ND4J array (the
 * steps the production quantizer and {@code CompressionResult} run), and 5-bit k-means
 * of a 25088x4096 tensor (VGG-16's largest layer). Prints medians and ratios. See
 * docs/benchmarks.md for the command.
 */
final class CodecBenchmark {

    private static final int NIN = 8192;
    private static final int NOUT = 8192;

    private final Ticker ticker;
    private final int runs;

    CodecBenchmark(Ticker ticker, int runs) {
        this.ticker = ticker;
        this.runs = runs;
    }

    /**
     * Seconds of {@code runs} timed runs after the warm-up runs: {@code {median, best, median CPU time of
     * the calling thread}} (the CPU time is the whole work only when the work runs on one thread, for
     * example with {@code -XX:ActiveProcessorCount=1}; with other tenants on the machine it is lower
     * than the wall time by the time the thread waited for a core).
     */
    double[] time(Runnable r) {
        for (int i = 0; i < WARMUPS; i++) {
            r.run();
        }
        double[] t = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = ticker.read();
            r.run();
            t[i] = (ticker.read() - t0) / 1e9;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        // the middle run (the upper of the two middle ones for an even count, unlike Guava's
        // interpolating Quantiles.median()): kept so that figures already in docs/benchmarks.md stay
        // comparable
        Arrays.sort(t);
        Arrays.sort(cpu);
        return new double[] {t[runs / 2], t[0], cpu[runs / 2]};
    }

    /** Untimed runs before the timed ones ({@code -Dwarmups=N}, default 1). */
    private static final int WARMUPS = Integer.getInteger("warmups", 1);

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    static String gbps(long bytes, double[] seconds) {
        return String.format(Locale.ROOT, "%7.3f GB/s (%7.1f ms) | best %7.3f GB/s (%7.1f ms) | cpu %6.1f ms",
                bytes / seconds[0] / 1e9, seconds[0] * 1e3, bytes / seconds[1] / 1e9, seconds[1] * 1e3,
                seconds[2] * 1e3);
    }

    void linear() {
        int n = NIN * NOUT;
        long bytes = 4L * n;
        float[] host = new float[n];
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            host[i] = (float) (rnd.nextGaussian() * 0.05);
        }
        INDArray arr = Nd4j.create(host, new long[] {NIN, NOUT}, 'f');
        host = null;
        float[] data = arr.data().asFloat();
        float[] dst = new float[n];
        TensorLayout layout = TensorLayout.of('f', NIN, NOUT);
        System.out.printf(Locale.ROOT, "64M-element fp32 ND4J array [%d, %d] 'f', %d MB, %d processors%n", NIN, NOUT,
                bytes >> 20, Runtime.getRuntime().availableProcessors());

        double[] tCopy = time(() -> System.arraycopy(data, 0, dst, 0, n));
        double[] tExtract = time(() -> arr.data().asFloat());
        java.nio.FloatBuffer nio = arr.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        double[] tBulk = time(() -> nio.duplicate().get(dst));
        double[] tLoop = time(() -> {
            for (int i = 0; i < n; i++) {
                dst[i] = data[i] * 0.5f + 1f;
            }
        });
        double[] tNd4j = time(() -> {
            INDArray q = Transforms.round(arr.mul(127f / 0.25f), false);
            q = Transforms.min(Transforms.max(q, -127, false), 127, false);
            q.muli(0.25f / 127f);
        });
        ChannelSplit split = ChannelSplit.of(layout, 1);
        LinearGrid grid = new LinearGrid(8, QuantScheme.SYMMETRIC);
        // the production path: the quantizer observes the ranges and leaves the values on the grid
        // (LinearTensorQuantizer), then CompressionResult.of encodes them exactly (LinearIntEncoder.encode)
        LinearIntEncoder encoder = MinMaxBlobs.encoder(data, split, grid);
        double[] tRanges = time(() -> MinMaxBlobs.encoder(data, split, grid));
        float[][] onGrid = new float[1][];
        double[] tQuantize = time(() -> onGrid[0] = MinMaxBlobs.onGrid(data, encoder, grid.maxCode()));
        FloatTensor quantized = new FloatTensor(layout, onGrid[0]);
        byte[][] blobs = new byte[1][];
        double[] tEncode = time(() -> blobs[0] = encoder.encode(quantized));
        byte[] blob = blobs[0];
        ByteBuffer bb = ByteBuffer.wrap(blob).asReadOnlyBuffer();
        double[] tDecode = time(() -> {
            try {
                LinearIntEncoding.decodeRange(bb, layout, 0, n, dst, 0);
            } catch (CorruptTensorException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println("System.arraycopy float[]        " + gbps(bytes, tCopy));
        System.out.println("ND4J buffer -> float[] (asFloat)" + gbps(bytes, tExtract));
        System.out.println("ND4J memory -> float[] (NIO get)" + gbps(bytes, tBulk));
        System.out.println("plain Java loop y=a*x+b (1 thr) " + gbps(bytes, tLoop));
        System.out.println("ND4J element-wise chain         " + gbps(bytes, tNd4j));
        System.out.println("codec kernels: " + SimdSupport.describe());
        System.out.println("int8 per-channel min-max ranges " + gbps(bytes, tRanges) + ratio(tCopy, tRanges));
        System.out.println("int8 per-channel quantize       " + gbps(bytes, tQuantize) + ratio(tCopy, tQuantize)
                + " (values on the grid, a new float[])");
        System.out.println("int8 per-channel encode         " + gbps(bytes, tEncode) + ratio(tCopy, tEncode)
                + ratio("NIO get", tBulk, tEncode) + " (values on the grid -> blob, checked bit for bit)");
        System.out.println("int8 per-channel decode         " + gbps(bytes, tDecode) + ratio(tCopy, tDecode)
                + ratio("NIO get", tBulk, tDecode));
        System.out.printf(Locale.ROOT, "blob %d bytes (%.3f bits/weight)%n", blob.length, 8.0 * blob.length / n);
    }

    static String ratio(double[] tCopy, double[] t) {
        return ratio("arraycopy", tCopy, t);
    }

    static String ratio(String name, double[] tBase, double[] t) {
        return String.format(Locale.ROOT, " | %.2fx %s (best %.2fx)", tBase[0] / t[0], name, tBase[1] / t[1]);
    }

    void kmeans() {
        int rows = 25088;
        int cols = 4096;
        float[] w = new float[rows * cols];
        Random rnd = new Random(2);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * 0.01);
        }
        TensorLayout layout = TensorLayout.of('f', rows, cols);
        System.out.printf(Locale.ROOT, "%nk-means 5 bits on [%d, %d] (%d weights)%n", rows, cols, w.length);
        for (int rep = 0; rep < 2; rep++) {
            long t0 = ticker.read();
            float[] book = KMeans1D.fit(w, 32, 100);
            long t1 = ticker.read();
            KMeans1D.Snapped snapped = KMeans1D.assigner(book).snap(w, 5);
            long t2 = ticker.read();
            byte[] blob = new CodebookEncoder(5, book, "kmeans5", snapped.values(), snapped.packed())
                    .encode(new FloatTensor(layout, snapped.values()));
            long t3 = ticker.read();
            System.out.printf(Locale.ROOT, "run %d: fit %.2f s, assign+pack %.2f s, write blob %.2f s, total %.2f s; blob %d bytes"
                    + " (%.3f bits/weight)%n", rep, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                    (t3 - t0) / 1e9, blob.length, 8.0 * blob.length / w.length);
        }
    }

    public static void main(String[] args) {
        Nd4j.create(DataType.FLOAT, 1);
        System.out.printf(Locale.ROOT, "JVM %s, %d processors, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        CodecBenchmark b = new CodecBenchmark(Ticker.systemTicker(), Integer.getInteger("runs", 5));
        List<String> parts = args.length == 0 ? List.of("linear", "kmeans") : List.of(args);
        if (parts.contains("linear")) {
            b.linear();
        }
        if (parts.contains("kmeans")) {
            b.kmeans();
        }
    }
}
