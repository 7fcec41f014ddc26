package dev.compressor.prune.structured;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arithmetic of folding an inference batch normalisation into the convolution before it, per
 * output channel {@code c}: {@code s = gamma / sqrt(v + eps)}, {@code W'[c] = W[c] * s},
 * {@code b'[c] = (b[c] - mean[c]) * s + beta[c]}, where {@code v} is the stored variance, or
 * {@code (10^log10std)^2} for a layer with {@code useLogStd}, as DL4J 1.0.0-M2.1's inference pass
 * computes it. Done in plain Java loops in double precision. Stateless; thread-safe.
 */
final class FoldedConvolution {

    private FoldedConvolution() {
    }

    /**
     * Why a layer cannot take in the batch normalisation that follows it.
     *
     * @param layer a layer configuration
     * @return the reason, or null if it can
     */
    static String whyNotFoldable(Layer layer) {
        if (layer == null) {
            return "it is not a layer";
        }
        Class<?> c = layer.getClass();
        if (c != ConvolutionLayer.class && c != Convolution2D.class && c != DirectPointwiseConvolution.class
                && c != DepthwiseConvolution2D.class) {
            return "it is a " + c.getSimpleName() + ", not a 2-d or depthwise convolution";
        }
        ConvolutionLayer conv = (ConvolutionLayer) layer;
        if (!(conv.getActivationFn() instanceof ActivationIdentity)) {
            return "its activation " + conv.getActivationFn() + " comes before the batch normalisation";
        }
        return null;
    }

    /**
     * The effective per-channel {@code gamma} and {@code beta} of DL4J 1.0.0-M2.1's inference pass.
     * With {@code lockGammaBeta}, DL4J applies the fixed values only when gamma is not 1 and beta
     * is not 0 (otherwise it returns the normalised input as it is), and so does this.
     */
    private static double[][] gammaBeta(BatchNormalization bn, Map<String, INDArray> params, int channels) {
        double[] gamma = new double[channels];
        double[] beta = new double[channels];
        if (bn.isLockGammaBeta()) {
            boolean applied = bn.getGamma() != 1.0 && bn.getBeta() != 0.0;
            Arrays.fill(gamma, applied ? bn.getGamma() : 1.0);
            Arrays.fill(beta, applied ? bn.getBeta() : 0.0);
        } else {
            gamma = values(params.get(BatchNormalizationParamInitializer.GAMMA));
            beta = values(params.get(BatchNormalizationParamInitializer.BETA));
        }
        return new double[][] {gamma, beta};
    }

    /**
     * Writes the folded weights and bias of a convolution into the new network's parameters.
     *
     * @param conv the convolution's configuration (before the fold)
     * @param convParams its parameters ({@code W}, and {@code b} if it has a bias)
     * @param bn the batch normalisation's configuration
     * @param bnParams its parameters
     * @param target the folded convolution's parameters to overwrite ({@code W} and {@code b})
     */
    static void fold(ConvolutionLayer conv, Map<String, INDArray> convParams, BatchNormalization bn,
            Map<String, INDArray> bnParams, Map<String, INDArray> target) {
        double[] mean = values(bnParams.get(BatchNormalizationParamInitializer.GLOBAL_MEAN));
        int channels = mean.length;
        double[] v = bn.isUseLogStd() ? values(bnParams.get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD))
                : values(bnParams.get(BatchNormalizationParamInitializer.GLOBAL_VAR));
        double[][] gb = gammaBeta(bn, bnParams, channels);
        double[] scale = new double[channels];
        double[] shift = new double[channels];
        for (int c = 0; c < channels; c++) {
            double variance = bn.isUseLogStd() ? Math.pow(10.0, 2 * v[c]) : v[c];
            scale[c] = gb[0][c] / Math.sqrt(variance + bn.getEps());
            shift[c] = gb[1][c] - mean[c] * scale[c];
        }
        INDArray w = convParams.get(ConvolutionParamInitializer.WEIGHT_KEY);
        double[] weights = values(w);
        if (conv instanceof DepthwiseConvolution2D) {
            // [kH, kW, in, multiplier]: output channel in * multiplier + m is the innermost pair
            for (int i = 0; i < weights.length; i++) {
                weights[i] *= scale[i % channels];
            }
        } else {
            // [out, in, kH, kW]: each output channel is one contiguous block
            int block = weights.length / channels;
            for (int i = 0; i < weights.length; i++) {
                weights[i] *= scale[i / block];
            }
        }
        INDArray b = conv.hasBias() ? convParams.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        double[] bias = b == null ? new double[channels] : values(b);
        for (int c = 0; c < channels; c++) {
            bias[c] = bias[c] * scale[c] + shift[c];
        }
        put(target.get(ConvolutionParamInitializer.WEIGHT_KEY), weights);
        put(target.get(ConvolutionParamInitializer.BIAS_KEY), bias);
    }

    /** The elements of an array in c order, as doubles. */
    private static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    private static void put(INDArray target, double[] values) {
        if (target.length() != values.length) {
            throw new IllegalStateException("folded parameter has " + values.length + " values, its target "
                    + Arrays.toString(target.shape()));
        }
        target.assign(Nd4j.create(values, target.shape(), 'c').castTo(target.dataType()));
    }
}
