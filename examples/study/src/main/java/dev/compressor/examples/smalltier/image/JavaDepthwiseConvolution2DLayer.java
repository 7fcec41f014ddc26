package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer of a {@link JavaDepthwiseConvolution2D}: DL4J's depthwise layer with its forward and
 * backward computation done by {@link DepthwiseKernels}. Not thread-safe (like every DL4J layer).
 */
final class JavaDepthwiseConvolution2DLayer extends DepthwiseConvolution2DLayer {

    private static final String W = DepthwiseConvolutionParamInitializer.WEIGHT_KEY;
    private static final String B = DepthwiseConvolutionParamInitializer.BIAS_KEY;

    JavaDepthwiseConvolution2DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        DepthwiseKernels.Geometry g = geometry();
        INDArray w = getParamWithNoise(W, training, mgr);
        float[] bias = layerConf().hasBias() ? floats(getParamWithNoise(B, training, mgr)) : null;
        float[] z = DepthwiseKernels.forward(g, floats(input), floats(w), bias);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {g.n(), g.outChannels(), g.outH(), g.outW()}, 'c');
        out.data().setData(z);
        return new Pair<>(out, null);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, mgr);
        return layerConf().getActivationFn().getActivation(preOutput(training, false, mgr).getFirst(), training);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        DepthwiseKernels.Geometry g = geometry();
        INDArray w = getParamWithNoise(W, true, mgr);
        INDArray z = preOutput(true, true, mgr).getFirst();
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        INDArray wGradView = gradientViews.get(W);
        float[] wGrad = new float[Math.toIntExact(wGradView.length())];
        float[] bGrad = layerConf().hasBias() ? new float[g.outChannels()] : null;
        float[] dx = DepthwiseKernels.backward(g, floats(input), floats(w), floats(delta), wGrad, bGrad);
        wGradView.assign(Nd4j.createFromArray(wGrad).reshape('c', wGradView.shape()));
        Gradient gradient = new DefaultGradient();
        if (bGrad != null) {
            INDArray bGradView = gradientViews.get(B);
            bGradView.assign(Nd4j.createFromArray(bGrad).reshape('c', bGradView.shape()));
            gradient.setGradientFor(B, bGradView);
        }
        gradient.setGradientFor(W, wGradView, 'c');
        weightNoiseParams.clear();
        INDArray eps = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        eps.data().setData(dx);
        return new Pair<>(gradient, backpropDropOutIfPresent(eps));
    }

    private DepthwiseKernels.Geometry geometry() {
        if (input.rank() != 4) {
            throw new DL4JInvalidInputException("depthwise layer " + layerId() + " expects a rank-4 NCHW input, got shape "
                    + java.util.Arrays.toString(input.shape()));
        }
        INDArray w = params.get(W);
        int channels = Math.toIntExact(w.size(2));
        if (input.size(1) != channels) {
            throw new DL4JInvalidInputException("depthwise layer " + layerId() + " has " + channels
                    + " input channels, input shape " + java.util.Arrays.toString(input.shape()));
        }
        int[] k = layerConf().getKernelSize();
        int[] s = layerConf().getStride();
        int inH = Math.toIntExact(input.size(2));
        int inW = Math.toIntExact(input.size(3));
        int outH;
        int outW;
        int padTop;
        int padLeft;
        if (layerConf().getConvolutionMode() == ConvolutionMode.Same) {
            outH = (inH + s[0] - 1) / s[0];
            outW = (inW + s[1] - 1) / s[1];
            padTop = Math.max(0, (outH - 1) * s[0] + k[0] - inH) / 2;
            padLeft = Math.max(0, (outW - 1) * s[1] + k[1] - inW) / 2;
        } else {
            int[] p = layerConf().getPadding();
            padTop = p[0];
            padLeft = p[1];
            outH = (inH + 2 * p[0] - k[0]) / s[0] + 1;
            outW = (inW + 2 * p[1] - k[1]) / s[1] + 1;
        }
        return new DepthwiseKernels.Geometry(Math.toIntExact(input.size(0)), channels, inH, inW, k[0], k[1],
                Math.toIntExact(w.size(3)), s[0], s[1], padTop, padLeft, outH, outW);
    }

    /** The values of an array in c order (a copy). */
    private static float[] floats(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        return c.data().getFloatsAt(c.offset(), Math.toIntExact(c.length()));
    }
}
