package dev.compressor.prune.structured;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of a {@link DirectPointwiseConvolution}: DL4J's convolution layer with the
 * pre-activation output and the backward pass computed by {@link PointwiseGemm} (plain matrix
 * products on the activations) instead of im2col, GEMM and col2im; a strided layer runs them on the
 * pixels {@link Subsampling} takes out of its input. Parameters, dropout, weight noise, activation
 * and the feed-forward cache are DL4J's own. Not thread-safe, like every DL4J layer.
 */
final class DirectPointwiseLayer extends ConvolutionLayer {

    private static final long serialVersionUID = 1L;

    DirectPointwiseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        INDArray z = forward(channelFirstInput(false), training, mgr).getFirst();
        return new Pair<>(fromChannelFirst(z), null);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        INDArray x = channelFirstInput(true);
        Pair<INDArray, INDArray> zx = forward(x, true, mgr);
        INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, mgr);
        INDArray delta = layerConf().getActivationFn().backprop(fromChannelFirst(zx.getFirst()), epsilon).getFirst();
        INDArray wGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray bGrad = layerConf().hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray eps = PointwiseGemm.backward(zx.getSecond(), matrix(w), toChannelFirst(delta), matrix(wGrad), bGrad,
                mgr);
        int[] s = layerConf().getStride();
        if (strided()) {
            eps = Subsampling.scatter(eps, x.size(2), x.size(3), s[0], s[1], layoutFor(x), mgr);
        }
        Gradient g = new DefaultGradient();
        if (bGrad != null) {
            g.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, bGrad);
        }
        g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, wGrad, 'c');
        weightNoiseParams.clear();
        return new Pair<>(g, backpropDropOutIfPresent(fromChannelFirst(eps)));
    }

    /**
     * The channel-first pre-activation output and the direct input it was computed from.
     *
     * @param x the layer's input as a channel-first view (see {@link #channelFirstInput})
     */
    private Pair<INDArray, INDArray> forward(INDArray x, boolean training, LayerWorkspaceMgr mgr) {
        INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, mgr);
        INDArray b = layerConf().hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, mgr)
                : null;
        validateInputDepth(w.size(1));
        INDArray direct = directInput(x);
        return new Pair<>(PointwiseGemm.forward(direct, matrix(w), b, mgr), direct);
    }

    private boolean nhwc() {
        return layerConf().getCnn2dDataFormat() == CNN2DFormat.NHWC;
    }

    private boolean strided() {
        int[] s = layerConf().getStride();
        return s[0] != 1 || s[1] != 1;
    }

    /** The input, checked (set, rank 4), as a channel-first view. */
    private INDArray channelFirstInput(boolean backprop) {
        assertInputSet(backprop);
        validateInputRank();
        return toChannelFirst(input.castTo(dataType));
    }

    /** The layout of the products' operands: the input's own if it has a direct one. */
    private PointwiseGemm.Layout layoutFor(INDArray x) {
        PointwiseGemm.Layout own = PointwiseGemm.layoutOf(x);
        return own != PointwiseGemm.Layout.OTHER ? own
                : nhwc() ? PointwiseGemm.Layout.INTERLEAVED : PointwiseGemm.Layout.PLANAR;
    }

    /** The input as a channel-first view (or subsampled copy) the products can use without im2col. */
    private INDArray directInput(INDArray x) {
        if (!strided()) {
            return PointwiseGemm.directLayout(x, layoutFor(x));
        }
        int[] s = layerConf().getStride();
        validateOutputSize(x, s);
        return Subsampling.take(x, s[0], s[1], layoutFor(x));
    }

    /**
     * DL4J's own checks of a strided input (Strict mode's divisibility, Same mode's padding), and
     * that its output size is the subsampled size.
     */
    private void validateOutputSize(INDArray x, int[] s) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        ConvolutionMode mode = c.getConvolutionMode();
        int[] dilation = c.getDilation() == null ? new int[] {1, 1} : c.getDilation();
        int[] out = ConvolutionUtils.getOutputSize(input, c.getKernelSize(), s,
                mode == ConvolutionMode.Same ? null : c.getPadding(), mode, dilation, c.getCnn2dDataFormat());
        int[] in = {Math.toIntExact(x.size(2)), Math.toIntExact(x.size(3))};
        if (mode == ConvolutionMode.Same) {
            ConvolutionUtils.getSameModeTopLeftPadding(out, in, c.getKernelSize(), s, dilation);
        }
        int[] taken = {(in[0] + s[0] - 1) / s[0], (in[1] + s[1] - 1) / s[1]};
        if (!Arrays.equals(out, taken)) {
            throw new IllegalStateException("layer '" + c.getLayerName() + "': DL4J's output size "
                    + Arrays.toString(out) + " for input " + Arrays.toString(in) + " at stride " + Arrays.toString(s)
                    + " is not the subsampled size " + Arrays.toString(taken));
        }
    }

    private INDArray toChannelFirst(INDArray a) {
        return nhwc() ? a.permute(0, 3, 1, 2) : a;
    }

    private INDArray fromChannelFirst(INDArray a) {
        return nhwc() ? a.permute(0, 2, 3, 1) : a;
    }

    /** A {@code [out, in, 1, 1]} c-order parameter (or gradient) view as a {@code [out, in]} matrix. */
    private static INDArray matrix(INDArray w) {
        return w.reshape('c', true, w.size(0), w.size(1));
    }
}
