package dev.compressor.quant.internal;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a resident layer: wraps the original layer configuration but declares no
 * parameters, so the network's own parameter vector leaves this layer's weights out; the layer it
 * instantiates keeps them encoded. Lives only in memory (not meant for JSON: the weights it refers
 * to are not part of the configuration).
 */
public final class ResidentLayerConf extends BaseWrapperLayer {

    private static final long serialVersionUID = 1L;

    private final transient LayerWeights weights;
    private final transient Scratch scratch;
    private final int tileElements;
    private final int groupChannels;

    ResidentLayerConf(Layer underlying, LayerWeights weights, Scratch scratch, int tileElements, int groupChannels) {
        super(underlying);
        this.weights = weights;
        this.scratch = scratch;
        this.tileElements = tileElements;
        this.groupChannels = groupChannels;
        setLayerName(underlying.getLayerName());
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(underlying);
        return new ResidentLayer(inner, networkDataType, weights, scratch, tileElements, groupChannels, listeners,
                layerIndex);
    }
}
