package dev.compressor.prune.structured;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of a {@link DirectPointwiseConvolution}: DL4J's convolution layer with the
 * pre-activation output and the backward pass computed by {@link PointwiseGemm} (plain matrix
 * products on the activations) instead of im2col, GEMM and col2im. Parameters, dropout, weight
 * noise, activation and the feed-forward cache are DL4J's own. Not thread-safe, like every DL4J
 * layer.
 */
final class DirectPointwiseLayer extends ConvolutionLayer {

    private static final long serialVersionUID = 1L;

    DirectPointwiseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, mgr);
        INDArray b = layerConf().hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, mgr)
                : null;
        validateInputRank();
        validateInputDepth(w.size(1));
        INDArray z = PointwiseGemm.forward(directInput(), matrix(w), b, mgr);
        return new Pair<>(fromChannelFirst(z), null);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, mgr);
        INDArray z = preOutput(true, true, mgr).getFirst();
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        INDArray wGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray bGrad = layerConf().hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray eps = PointwiseGemm.backward(directInput(), matrix(w), toChannelFirst(delta), matrix(wGrad), bGrad,
                mgr);
        Gradient g = new DefaultGradient();
        if (bGrad != null) {
            g.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, bGrad);
        }
        g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, wGrad, 'c');
        weightNoiseParams.clear();
        return new Pair<>(g, backpropDropOutIfPresent(fromChannelFirst(eps)));
    }

    private boolean nhwc() {
        return layerConf().getCnn2dDataFormat() == CNN2DFormat.NHWC;
    }

    /** The input as a channel-first view in a layout the products can use without im2col. */
    private INDArray directInput() {
        return PointwiseGemm.directLayout(toChannelFirst(input.castTo(dataType)),
                nhwc() ? PointwiseGemm.Layout.INTERLEAVED : PointwiseGemm.Layout.PLANAR);
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
