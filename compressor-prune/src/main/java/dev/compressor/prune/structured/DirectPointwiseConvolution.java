package dev.compressor.prune.structured;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Configuration of a 1x1 convolution that runs as plain matrix products on its NCHW (or NHWC)
 * activations: {@code out[n] = W[out, in] x[n][in, h*w] + b}, then the activation, with the
 * matching backward pass. DL4J 1.0.0-M2.1's CPU convolution copies the whole input into an im2col
 * buffer even for a 1x1 kernel and then copies the output's layout; this layer does neither. With a
 * stride {@code [sH, sW]} other than 1 the kernel reads only every {@code sH}-th row and
 * {@code sW}-th column, starting at the first ({@code ceil(h / sH) x ceil(w / sW)} output pixels:
 * DL4J's output size in both {@code Same} and {@code Truncate} mode, for a 1x1 kernel without
 * padding), so the layer copies those pixels out and runs the same products on them; the gradient
 * with respect to the input is scattered back to them (zero elsewhere). It is a
 * {@link ConvolutionLayer} in every other respect: the same parameters ({@code W [out, in, 1, 1]},
 * {@code b [1, out]}, so they copy over one to one), initialisation, updaters, regularisation,
 * dropout, weight noise, activation, output type and input validation (DL4J's own checks of the
 * input size: {@code Strict} mode's divisibility, {@code Same} mode's padding), and it is trainable.
 *
 * <p>Serialises to DL4J JSON under this class's name (networks using it round-trip through
 * {@code toJson}/{@code fromJson} and {@code ModelSerializer} wherever compressor-prune is on the
 * class path). This library's compressors do not write it into artifacts: apply it when restoring
 * with {@link PointwiseConvolutions#rewrite()}, so that the artifact restores where compressor-prune
 * is absent. Artifacts written before that may name it; they restore where compressor-prune is on
 * the class path. Create one with {@link #of(ConvolutionLayer)} or let
 * {@link PointwiseConvolutions#directGemm} convert a whole network. Like every DL4J layer
 * configuration it is mutable and not thread-safe.
 */
public class DirectPointwiseConvolution extends ConvolutionLayer {

    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation; use {@link #of(ConvolutionLayer)}. */
    public DirectPointwiseConvolution() {
        super();
    }

    /**
     * The direct configuration equivalent to a convolution layer.
     *
     * @param layer a {@link ConvolutionLayer} or {@link Convolution2D} (exactly: not a subclass
     *     such as a depthwise, separable or transposed convolution) with a 1x1 kernel, any stride,
     *     dilation 1 and no padding (or {@link ConvolutionMode#Same}), not {@link ConvolutionMode#Causal}
     * @return a new configuration with all of the layer's settings
     * @throws IllegalArgumentException if the layer is not such a convolution (the message says why)
     */
    public static DirectPointwiseConvolution of(ConvolutionLayer layer) {
        Objects.requireNonNull(layer, "layer");
        String why = whyIneligible(layer);
        if (why != null) {
            throw new IllegalArgumentException("layer '" + layer.getLayerName() + "' cannot run as a direct 1x1"
                    + " convolution: " + why);
        }
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode tree = mapper.valueToTree(layer);
        tree.put("@class", DirectPointwiseConvolution.class.getName());
        try {
            return mapper.treeToValue(tree, DirectPointwiseConvolution.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not copy the configuration of layer '" + layer.getLayerName()
                    + "'", e);
        }
    }

    /**
     * The plain DL4J convolution with all of this layer's settings (the inverse of {@link #of}).
     *
     * @return a new {@link ConvolutionLayer}
     */
    ConvolutionLayer toPlain() {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode tree = mapper.valueToTree(this);
        tree.put("@class", ConvolutionLayer.class.getName());
        try {
            return mapper.treeToValue(tree, ConvolutionLayer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not copy the configuration of layer '" + getLayerName() + "'", e);
        }
    }

    /**
     * Why a layer configuration cannot be replaced by a direct 1x1 convolution.
     *
     * @param layer any layer configuration
     * @return the reason, or null if it can
     */
    static String whyIneligible(Layer layer) {
        if (layer == null) {
            return "no layer";
        }
        Class<?> c = layer.getClass();
        if (c != ConvolutionLayer.class && c != Convolution2D.class && c != DirectPointwiseConvolution.class) {
            return "it is a " + c.getSimpleName() + ", not a plain 2-d convolution";
        }
        ConvolutionLayer conv = (ConvolutionLayer) layer;
        if (!Arrays.equals(conv.getKernelSize(), new int[] {1, 1})) {
            return "kernel " + Arrays.toString(conv.getKernelSize()) + ", not [1, 1]";
        }
        int[] stride = conv.getStride();
        if (stride == null || stride.length != 2 || stride[0] < 1 || stride[1] < 1) {
            return "stride " + Arrays.toString(stride) + ", not two positive values";
        }
        if (conv.getDilation() != null && !Arrays.equals(conv.getDilation(), new int[] {1, 1})) {
            return "dilation " + Arrays.toString(conv.getDilation()) + ", not [1, 1]";
        }
        ConvolutionMode mode = conv.getConvolutionMode();
        if (mode == ConvolutionMode.Causal) {
            return "convolution mode Causal";
        }
        if (mode != ConvolutionMode.Same && conv.getPadding() != null
                && !Arrays.equals(conv.getPadding(), new int[] {0, 0})) {
            return "padding " + Arrays.toString(conv.getPadding()) + " changes the output size";
        }
        return null;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("DirectPointwiseConvolution", getLayerName(), layerIndex, getNIn(),
                getNOut());
        String why = whyIneligible(this);
        if (why != null) {
            throw new IllegalStateException("layer '" + getLayerName() + "' was edited into something that is not a"
                    + " direct 1x1 convolution: " + why);
        }
        DirectPointwiseLayer layer = new DirectPointwiseLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public DirectPointwiseConvolution clone() {
        return (DirectPointwiseConvolution) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirectPointwiseConvolution && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof DirectPointwiseConvolution;
    }

    @Override
    public String toString() {
        return "DirectPointwiseConvolution(" + super.toString() + ")";
    }
}
