package dev.compressor.api.internal;

import dev.compressor.api.tensor.ParamKind;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;

/**
 * Knows, for each DL4J layer type and parameter key, what the parameter is and which axis of its
 * layout indexes output channels.
 */
final class ParamRoles {

    /** The role of one parameter: its kind and output axis (-1 for none). */
    record Role(ParamKind kind, int outputAxis) {
    }

    private ParamRoles() {
    }

    /** The innermost configuration of wrapper layers (frozen, last-time-step, bidirectional). */
    static Layer unwrap(Layer layer) {
        Layer l = layer;
        while (true) {
            if (l instanceof BaseWrapperLayer w) {
                l = w.getUnderlying();
            } else if (l instanceof Bidirectional b) {
                l = b.getFwd();
            } else {
                return l;
            }
        }
    }

    static Role roleOf(Layer layerConf, String paramKey, int rank) {
        Layer layer = layerConf == null ? null : unwrap(layerConf);
        String key = layerConf != null && unwrapsBidirectional(layerConf) && paramKey.length() > 1
                ? paramKey.substring(1) : paramKey; // Bidirectional prefixes keys with f/b
        if (layer instanceof BatchNormalization) {
            return new Role(ParamKind.NORMALIZATION, -1);
        }
        if (key.equals("b") || key.equals("pb") || key.startsWith("b") && rank <= 2 && isBiasLike(key)) {
            return new Role(ParamKind.BIAS, -1);
        }
        if (layer instanceof BaseRecurrentLayer || layer instanceof AbstractLSTM) {
            if (key.startsWith("RW")) {
                return new Role(ParamKind.RECURRENT_WEIGHT, rank == 2 ? 1 : -1);
            }
            if (key.startsWith("W")) {
                return new Role(ParamKind.WEIGHT, rank == 2 ? 1 : -1);
            }
            return new Role(ParamKind.OTHER, -1);
        }
        if (layer instanceof EmbeddingLayer || layer instanceof EmbeddingSequenceLayer) {
            return key.equals("W") ? new Role(ParamKind.EMBEDDING, 0) : new Role(ParamKind.OTHER, -1);
        }
        if (layer instanceof SeparableConvolution2D) {
            if (key.equals("W")) { // depthwise [depthMultiplier, nIn, kH, kW]
                return new Role(ParamKind.WEIGHT, 1);
            }
            if (key.equals("pW")) { // pointwise [nOut, nIn * depthMultiplier, 1, 1]
                return new Role(ParamKind.WEIGHT, 0);
            }
        }
        if (layer instanceof DepthwiseConvolution2D && key.equals("W")) { // [kH, kW, nIn, depthMultiplier]
            return new Role(ParamKind.WEIGHT, 2);
        }
        if (layer instanceof Deconvolution2D && key.equals("W")) { // [nIn, nOut, kH, kW]
            return new Role(ParamKind.WEIGHT, 1);
        }
        if (layer instanceof Convolution1DLayer && key.equals("W")) {
            // declared [nOut, nIn, k, 1], but the forward pass reads the memory as [k, nIn, nOut]:
            // output channels interleave with stride 1, which no axis of the declared shape expresses
            return new Role(ParamKind.WEIGHT, -1);
        }
        if ((layer instanceof ConvolutionLayer || layer instanceof Convolution3D) && key.equals("W")) {
            return new Role(ParamKind.WEIGHT, 0); // [nOut, nIn, (kD,) kH, kW]
        }
        if (layer instanceof FeedForwardLayer && key.equals("W") && rank == 2) { // [nIn, nOut]
            return new Role(ParamKind.WEIGHT, 1);
        }
        if (key.startsWith("W") && rank >= 2) {
            return new Role(ParamKind.WEIGHT, -1);
        }
        return new Role(ParamKind.OTHER, -1);
    }

    private static boolean isBiasLike(String key) {
        return key.equals("bF") || key.equals("bB") || key.equals("bias");
    }

    private static boolean unwrapsBidirectional(Layer layer) {
        Layer l = layer;
        while (l instanceof BaseWrapperLayer w) {
            l = w.getUnderlying();
        }
        return l instanceof Bidirectional;
    }
}
