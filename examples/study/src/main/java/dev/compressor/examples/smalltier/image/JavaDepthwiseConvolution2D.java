package dev.compressor.examples.smalltier.image;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link DepthwiseConvolution2D} whose computation is {@link DepthwiseKernels}' plain loops instead
 * of DL4J's CPU op: same configuration, same parameters in the same layout, same function. The
 * small-tier trainer uses it for training only ({@link #trainingCopy}); the trained parameters then go
 * into the network's ordinary configuration, so committed weights and everything downstream see plain
 * DL4J layers. NCHW, dilation 1, {@code Same} or {@code Truncate} mode; anything else is refused when
 * the copy is made. Measured: a small-tier mobilenet training step at batch 32 took 0.194 s against
 * 0.471 s with DL4J's op (0.41x), with bit-identical parameters after three Adam steps
 * (docs/benchmarks.md).
 */
final class JavaDepthwiseConvolution2D extends DepthwiseConvolution2D {

    private JavaDepthwiseConvolution2D() {
        super();
    }

    /**
     * A copy of a graph configuration whose depthwise convolutions are {@code JavaDepthwiseConvolution2D}s.
     *
     * @param conf a graph configuration (not modified)
     * @return the copy; parameters of a graph built from it have the same layout as the original's
     * @throws IllegalArgumentException naming a depthwise layer the loops do not cover
     */
    static ComputationGraphConfiguration trainingCopy(ComputationGraphConfiguration conf) {
        ComputationGraphConfiguration copy = conf.clone();
        for (java.util.Map.Entry<String, GraphVertex> e : copy.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer().getClass() == DepthwiseConvolution2D.class) {
                lv.getLayerConf().setLayer(of(e.getKey(), (DepthwiseConvolution2D) lv.getLayerConf().getLayer()));
            }
        }
        return copy;
    }

    /** The same configuration as a {@code JavaDepthwiseConvolution2D}: every field copied. */
    static JavaDepthwiseConvolution2D of(String name, DepthwiseConvolution2D layer) {
        String why = whyNot(layer);
        if (why != null) {
            throw new IllegalArgumentException("depthwise layer '" + name + "': " + why);
        }
        JavaDepthwiseConvolution2D copy = new JavaDepthwiseConvolution2D();
        for (Class<?> c = DepthwiseConvolution2D.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(copy, f.get(layer));
                } catch (IllegalAccessException | RuntimeException ex) {
                    throw new IllegalStateException("cannot copy field " + f + " of layer '" + name + "'", ex);
                }
            }
        }
        return copy;
    }

    private static String whyNot(DepthwiseConvolution2D layer) {
        if (layer.getCnn2dDataFormat() != null && layer.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            return "data format " + layer.getCnn2dDataFormat() + " (only NCHW)";
        }
        for (int d : layer.getDilation()) {
            if (d != 1) {
                return "dilation " + java.util.Arrays.toString(layer.getDilation()) + " (only 1)";
            }
        }
        ConvolutionMode mode = layer.getConvolutionMode();
        if (mode != ConvolutionMode.Same && mode != ConvolutionMode.Truncate) {
            return "convolution mode " + mode + " (only Same and Truncate)";
        }
        return null;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray params, boolean initializeParams, DataType dataType) {
        JavaDepthwiseConvolution2DLayer layer = new JavaDepthwiseConvolution2DLayer(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(params);
        ParamInitializer init = initializer();
        layer.setParamTable(init.init(conf, params, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
