package dev.compressor.prune.structured;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The pixel subsampling of a strided 1x1 convolution: such a convolution reads only the pixels at
 * rows {@code 0, sH, 2 sH, ...} and columns {@code 0, sW, 2 sW, ...} of its input
 * ({@code ceil(h / sH) x ceil(w / sW)} of them, no padding), so its forward pass is the stride-1
 * product on those pixels, and the gradient with respect to its input is the stride-1 gradient
 * scattered back to them, zero elsewhere. Activations are channel-first views {@code [n, c, h, w]}
 * as in {@link PointwiseGemm}. Copies go into arrays taken from the current workspace (a dup of
 * the strided view allocates fresh memory and cost 8 to 12 times more). Interleaved float
 * activations on the CPU backend are copied by a plain Java loop over the arrays' memory, one bulk
 * copy per pixel's channels (1.2 to 2.7 times less thread CPU than ND4J's strided assign at the zoo
 * ResNet-50's sizes, {@code PointwiseBenchmark strided}); planar ones, every other data type and
 * other backends by ND4J's assign (faster than a Java loop for planar activations). Stateless;
 * thread-safe.
 */
final class Subsampling {

    private Subsampling() {
    }

    /**
     * The subsampled pixels as a new array.
     *
     * @param x channel-first input, any strides
     * @param sh row stride (at least 1)
     * @param sw column stride (at least 1)
     * @param layout the result's layout, {@link PointwiseGemm.Layout#PLANAR} or
     *     {@link PointwiseGemm.Layout#INTERLEAVED}
     * @return channel-first {@code [n, c, ceil(h / sh), ceil(w / sw)]} in that layout, in the
     *     current workspace (working memory, like DL4J's im2col buffer)
     */
    static INDArray take(INDArray x, int sh, int sw, PointwiseGemm.Layout layout) {
        INDArray view = strided(x, sh, sw);
        long[] s = view.shape();
        INDArray out = layout == PointwiseGemm.Layout.INTERLEAVED
                ? Nd4j.createUninitialized(x.dataType(), new long[] {s[0], s[2], s[3], s[1]}, 'c').permute(0, 3, 1, 2)
                : Nd4j.createUninitialized(x.dataType(), s, 'c');
        copy(view, out);
        return out;
    }

    /**
     * The gradient with respect to a strided convolution's input: zeros with the subsampled
     * gradient at the pixels the convolution read.
     *
     * @param sub channel-first gradient with respect to the subsampled input
     * @param h the input's height
     * @param w the input's width
     * @param sh row stride
     * @param sw column stride
     * @param layout the result's layout (planar or interleaved)
     * @param mgr where the result is allocated ({@link ArrayType#ACTIVATION_GRAD})
     * @return channel-first {@code [n, c, h, w]}
     */
    static INDArray scatter(INDArray sub, long h, long w, int sh, int sw, PointwiseGemm.Layout layout,
            LayerWorkspaceMgr mgr) {
        long n = sub.size(0);
        long c = sub.size(1);
        INDArray out = layout == PointwiseGemm.Layout.INTERLEAVED
                ? mgr.create(ArrayType.ACTIVATION_GRAD, sub.dataType(), new long[] {n, h, w, c}, 'c').permute(0, 3, 1, 2)
                : mgr.create(ArrayType.ACTIVATION_GRAD, sub.dataType(), new long[] {n, c, h, w}, 'c');
        INDArray target = strided(out, sh, sw);
        if (!Arrays.equals(target.shape(), sub.shape())) {
            throw new IllegalStateException("gradient " + Arrays.toString(sub.shape()) + " does not fit input "
                    + Arrays.toString(out.shape()) + " at stride [" + sh + ", " + sw + "]");
        }
        copy(sub, target);
        return out;
    }

    /** A view of every {@code sh}-th row and {@code sw}-th column, starting at the first. */
    static INDArray strided(INDArray x, int sh, int sw) {
        INDArrayIndex rows = NDArrayIndex.interval(0, sh, x.size(2));
        INDArrayIndex cols = NDArrayIndex.interval(0, sw, x.size(3));
        return x.get(NDArrayIndex.all(), NDArrayIndex.all(), rows, cols);
    }

    /**
     * {@code to = from}, element by element, for two 4-d arrays of the same shape and any strides.
     * Float arrays on the CPU backend whose innermost axis (the target's fastest) is contiguous on
     * both sides are copied in Java, one bulk copy per run; anything else by ND4J's assign.
     */
    static void copy(INDArray from, INDArray to) {
        long[] shape = to.shape();
        long[] fs = from.stride();
        long[] ts = to.stride();
        Integer[] axes = {0, 1, 2, 3};
        Arrays.sort(axes, (p, q) -> Long.compare(shape[q] == 1 ? 0 : ts[q], shape[p] == 1 ? 0 : ts[p]));
        int d = axes[3];
        boolean runs = shape[d] == 1 || (fs[d] == 1 && ts[d] == 1);
        if (!runs || from.dataType() != DataType.FLOAT || to.dataType() != DataType.FLOAT
                || !Nd4j.getEnvironment().isCPU() || lastIndex(from) > Integer.MAX_VALUE
                || lastIndex(to) > Integer.MAX_VALUE) {
            to.assign(from);
            return;
        }
        int a = axes[0];
        int b = axes[1];
        int c = axes[2];
        FloatBuffer src = from.data().asNioFloat(); // absolute indices from the start of the allocation
        FloatBuffer dst = to.data().asNioFloat();
        int run = Math.toIntExact(shape[d]);
        for (long i = 0; i < shape[a]; i++) {
            for (long j = 0; j < shape[b]; j++) {
                for (long k = 0; k < shape[c]; k++) {
                    long f = from.offset() + i * fs[a] + j * fs[b] + k * fs[c];
                    long t = to.offset() + i * ts[a] + j * ts[b] + k * ts[c];
                    dst.put((int) t, src, (int) f, run);
                }
            }
        }
    }

    /** The largest buffer index an array reads. */
    private static long lastIndex(INDArray x) {
        long last = x.offset();
        for (int i = 0; i < x.rank(); i++) {
            last += (x.size(i) - 1) * Math.abs(x.stride(i));
        }
        return last;
    }
}
