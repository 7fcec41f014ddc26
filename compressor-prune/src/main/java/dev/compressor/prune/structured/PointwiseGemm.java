package dev.compressor.prune.structured;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrix products of a 1x1, stride-1 convolution (or of a strided one on its subsampled
 * input, see {@link Subsampling}), done directly on 4-d activations without im2col. Activations are handled as channel-first views {@code [n, c, h, w]} whose memory is
 * either {@linkplain Layout#PLANAR planar} (c-contiguous NCHW: each example is a {@code [c, h*w]}
 * matrix) or {@linkplain Layout#INTERLEAVED interleaved} (c-contiguous NHWC: the whole batch is one
 * {@code [n*h*w, c]} matrix, which is what DL4J's own convolution produces); outputs keep the
 * layout of the input, so no layout copy is made. Stateless; thread-safe.
 */
final class PointwiseGemm {

    /** How a channel-first 4-d view lies in memory. */
    enum Layout {
        /** c-contiguous NCHW. */
        PLANAR,
        /** c-contiguous NHWC, seen through a permuted view. */
        INTERLEAVED,
        /** Anything else (strided views): copied before use. */
        OTHER
    }

    /**
     * One matrix operand: its logical value is {@code m}, or {@code m} transposed if {@code t}.
     *
     * @param m a 2-d array whose memory is contiguous
     * @param t whether the operand is the transpose of {@code m}
     */
    record Operand(INDArray m, boolean t) {
        Operand transposed() {
            return new Operand(m, !t);
        }
    }

    private PointwiseGemm() {
    }

    static Layout layoutOf(INDArray nchw) {
        if (contiguous(nchw.shape(), nchw.stride())) {
            return Layout.PLANAR;
        }
        INDArray nhwc = nchw.permute(0, 2, 3, 1);
        return contiguous(nhwc.shape(), nhwc.stride()) ? Layout.INTERLEAVED : Layout.OTHER;
    }

    /** Whether strides are those of a c-order array of this shape (size-1 axes ignored). */
    static boolean contiguous(long[] shape, long[] stride) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** A channel-first view in one of the two direct layouts (a copy if it was in neither). */
    static INDArray directLayout(INDArray nchw, Layout ifNeither) {
        if (layoutOf(nchw) != Layout.OTHER) {
            return nchw;
        }
        return ifNeither == Layout.INTERLEAVED ? nchw.permute(0, 2, 3, 1).dup('c').permute(0, 3, 1, 2)
                : nchw.dup('c');
    }

    /** A new channel-first array in the given layout, from the workspace manager. */
    static INDArray create(LayerWorkspaceMgr mgr, ArrayType type, INDArray like, long n, long c, long h, long w,
            Layout layout) {
        if (layout == Layout.INTERLEAVED) {
            return mgr.createUninitialized(type, like.dataType(), new long[] {n, h, w, c}, 'c').permute(0, 3, 1, 2);
        }
        return mgr.createUninitialized(type, like.dataType(), new long[] {n, c, h, w}, 'c');
    }

    /**
     * The channel matrices of a view in a direct layout: logical {@code [c, h*w]} per example, or
     * {@code [c, n*h*w]} for the whole batch when {@code whole} and the layout is interleaved.
     */
    static Operand[] blocks(INDArray nchw, boolean whole) {
        long n = nchw.size(0);
        long c = nchw.size(1);
        long hw = nchw.size(2) * nchw.size(3);
        Layout layout = layoutOf(nchw);
        if (layout == Layout.OTHER) {
            throw new IllegalStateException("not in a direct layout: strides " + java.util.Arrays.toString(nchw.stride()));
        }
        if (layout == Layout.INTERLEAVED && whole) {
            return new Operand[] {new Operand(nchw.permute(0, 2, 3, 1).reshape('c', true, n * hw, c), true)};
        }
        Operand[] out = new Operand[Math.toIntExact(n)];
        for (int i = 0; i < n; i++) {
            out[i] = layout == Layout.PLANAR ? new Operand(nchw.slice(i).reshape('c', true, c, hw), false)
                    : new Operand(nchw.permute(0, 2, 3, 1).slice(i).reshape('c', true, hw, c), true);
        }
        return out;
    }

    /** A planar channel-first array as {@code [n, c, h*w]} (a view). */
    private static INDArray batch(INDArray planar) {
        return planar.reshape('c', planar.size(0), planar.size(1), planar.size(2) * planar.size(3));
    }

    /**
     * The weight matrix seen once per example, {@code [n, out, in]}, as a view with stride 0 along
     * the examples (nothing copied): ND4J's batched product needs operands of equal rank. One batched
     * product replaces {@code n} small ones, whose per-call cost dominated (measured 12 ms against
     * 1 ms for 64 examples of 32x196 into 8 channels); copying the weights {@code n} times instead of
     * the zero-stride view cost 10-30x the product itself.
     */
    private static INDArray perExample(INDArray w, long n) {
        return Nd4j.create(w.data(), new long[] {n, w.size(0), w.size(1)}, new long[] {0, w.stride(0), w.stride(1)},
                w.offset(), 'c');
    }

    /** {@code c = a b} (logical values) with {@code c = beta * c} added; beta 0 or 1. */
    static void multiply(Operand a, Operand b, Operand c, double beta) {
        if (c.t()) { // c^T = b^T a^T
            Nd4j.gemm(b.m(), a.m(), c.m(), !b.t(), !a.t(), 1.0, beta);
        } else {
            Nd4j.gemm(a.m(), b.m(), c.m(), a.t(), b.t(), 1.0, beta);
        }
    }

    /**
     * Forward pass: {@code z = W x + b} per pixel.
     *
     * @param x channel-first input in a direct layout
     * @param w the weights as a c-order {@code [out, in]} matrix
     * @param bias the bias {@code [1, out]}, or null
     * @return channel-first output in the input's layout
     */
    static INDArray forward(INDArray x, INDArray w, INDArray bias, LayerWorkspaceMgr mgr) {
        Layout layout = layoutOf(x);
        INDArray z = create(mgr, ArrayType.ACTIVATIONS, x, x.size(0), w.size(0), x.size(2), x.size(3), layout);
        if (layout == Layout.PLANAR) {
            Nd4j.matmul(perExample(w, x.size(0)), batch(x), batch(z), false, false, false);
        } else {
            multiply(new Operand(w, false), blocks(x, true)[0], blocks(z, true)[0], 0.0);
        }
        if (bias != null) {
            if (layout == Layout.INTERLEAVED) {
                blocks(z, true)[0].m().addiRowVector(bias); // the whole batch is one [n*h*w, out] matrix
            } else {
                Nd4j.getExecutioner().exec(new BroadcastAddOp(z, bias.reshape(bias.length()), z, 1));
            }
        }
        return z;
    }

    /**
     * Backward pass: weight and bias gradients written into the views, epsilon for the layer below
     * returned.
     *
     * @param x channel-first input in a direct layout
     * @param w the weights as a c-order {@code [out, in]} matrix
     * @param delta channel-first gradient of the loss with respect to the pre-activation output
     * @param wGrad c-order {@code [out, in]} view to overwrite with the weight gradient
     * @param bGrad {@code [1, out]} view to overwrite with the bias gradient, or null
     * @return channel-first gradient with respect to {@code x}, in {@code x}'s layout
     */
    static INDArray backward(INDArray x, INDArray w, INDArray delta, INDArray wGrad, INDArray bGrad,
            LayerWorkspaceMgr mgr) {
        Layout layout = layoutOf(x);
        INDArray d = directLayout(delta, layout);
        boolean whole = layout == Layout.INTERLEAVED && layoutOf(d) == Layout.INTERLEAVED;
        if (bGrad != null) {
            bGrad.assign(d.sum(0, 2, 3).reshape(bGrad.shape()));
        }
        INDArray eps = create(mgr, ArrayType.ACTIVATION_GRAD, x, x.size(0), x.size(1), x.size(2), x.size(3), layout);
        if (layout == Layout.PLANAR && layoutOf(d) == Layout.PLANAR) {
            // one batched product per gradient: [n, out, hw] x [n, hw, in], summed over examples
            wGrad.assign(Nd4j.matmul(batch(d), batch(x), null, false, true, false).sum(0));
            Nd4j.matmul(perExample(w, x.size(0)), batch(d), batch(eps), true, false, false);
            return eps;
        }
        Operand[] xs = blocks(x, whole);
        Operand[] ds = blocks(d, whole);
        Operand dw = new Operand(wGrad, false);
        for (int k = 0; k < xs.length; k++) {
            multiply(ds[k], xs[k].transposed(), dw, k == 0 ? 0.0 : 1.0);
        }
        Operand[] es = blocks(eps, whole);
        Operand wt = new Operand(w, true);
        for (int k = 0; k < es.length; k++) {
            multiply(wt, ds[k], es[k], 0.0);
        }
        return eps;
    }
}
