package dev.compressor.prune.structured;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;

/** What a node does to the channels flowing through it. */
enum NodeRole {
    /** A network input: its channels cannot be removed. */
    INPUT,
    /** A 2-D convolution: consumes input channels, produces a new set of output channels (filters). */
    CONVOLUTION,
    /** A dense layer: consumes inputs, produces a new set of units. */
    DENSE,
    /** An output layer: consumes inputs; its outputs are the predictions. */
    OUTPUT,
    /** Batch normalisation: per-channel parameters, channels pass through. */
    NORMALIZATION,
    /** Channels pass through one to one (activations, pooling, padding, dropout, scale, shift). */
    PASS,
    /** Element-wise combination of equally shaped inputs (residual add): their channels must agree. */
    ELEMENT_WISE,
    /** Concatenation along the channel axis. */
    CONCAT,
    /** Anything else: mixes, reshapes or otherwise depends on its input channels in ways not handled. */
    OPAQUE;

    static NodeRole of(GraphView.Node node) {
        if (node.isInput()) {
            return INPUT;
        }
        if (node.vertex() != null) {
            Object v = node.vertex();
            if (v instanceof ElementWiseVertex) {
                return ELEMENT_WISE;
            }
            if (v instanceof MergeVertex m) {
                return m.getMergeAxis() == 1 ? CONCAT : OPAQUE;
            }
            return v instanceof ScaleVertex || v instanceof ShiftVertex ? PASS : OPAQUE;
        }
        Class<?> c = node.layer().getClass();
        if (c == ConvolutionLayer.class || c == Convolution2D.class || c == DirectPointwiseConvolution.class) {
            return CONVOLUTION;
        }
        if (c == DenseLayer.class) {
            return DENSE;
        }
        if (c == OutputLayer.class) {
            return OUTPUT;
        }
        if (c == BatchNormalization.class) {
            return NORMALIZATION;
        }
        if (c == ActivationLayer.class || c == DropoutLayer.class || c == SubsamplingLayer.class
                || c == GlobalPoolingLayer.class || c == ZeroPaddingLayer.class || c == Cropping2D.class
                || c == Upsampling2D.class) {
            return PASS;
        }
        return OPAQUE;
    }

    /** Whether nodes of this role have weights whose input axis follows their input channels. */
    boolean consumesChannels() {
        return this == CONVOLUTION || this == DENSE || this == OUTPUT;
    }

    /** Whether nodes of this role create a new channel space. */
    boolean produces() {
        return this == CONVOLUTION || this == DENSE || this == OUTPUT;
    }
}
