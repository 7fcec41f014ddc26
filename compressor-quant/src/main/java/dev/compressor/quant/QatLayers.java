package dev.compressor.quant;

import dev.compressor.quant.internal.FakeQuantActivation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.convolution.Convolution3DLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution3DLayer;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.layers.convolution.SeparableConvolution2DLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.layers.recurrent.GravesLSTM;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;

/**
 * The layers of a live network as quantization-aware training sees them: found by the names
 * {@link dev.compressor.api.CompressionState} gives them (MultiLayerNetwork: the layer's name or its
 * index; ComputationGraph: the vertex name), checked for DL4J's weight-noise hook, and given or
 * relieved of {@link FakeQuantizedWeights}. Stateless.
 */
final class QatLayers {

    /**
     * The layer implementations whose forward and backward passes read their weights through
     * {@code BaseLayer.getParamWithNoise} in DL4J 1.0.0-M2.1 (checked in its bytecode). Others, such
     * as {@code Convolution1DLayer} and {@code EmbeddingLayer}, read {@code getParam} directly and
     * would train unquantized.
     */
    private static final Set<Class<?>> HOOKED = Set.of(DenseLayer.class, OutputLayer.class, RnnOutputLayer.class,
            ConvolutionLayer.class, DepthwiseConvolution2DLayer.class, SeparableConvolution2DLayer.class,
            Deconvolution2DLayer.class, Convolution3DLayer.class, Deconvolution3DLayer.class, LSTM.class,
            GravesLSTM.class, SimpleRnn.class);

    private QatLayers() {
    }

    /** Every layer implementation by name, in network order. */
    static Map<String, org.deeplearning4j.nn.api.Layer> byName(Model net) {
        Map<String, org.deeplearning4j.nn.api.Layer> out = new LinkedHashMap<>();
        if (net instanceof MultiLayerNetwork mln) {
            org.deeplearning4j.nn.api.Layer[] layers = mln.getLayers();
            for (int i = 0; i < layers.length; i++) {
                String name = layers[i].conf().getLayer().getLayerName();
                out.put(name != null ? name : String.valueOf(i), layers[i]);
            }
        } else {
            ComputationGraph cg = (ComputationGraph) net;
            for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : cg.getVertices()) {
                if (v.hasLayer()) {
                    out.put(v.getVertexName(), v.getLayer());
                }
            }
        }
        return out;
    }

    /**
     * The configurations of a layer: the one its implementation reads and, where different, the one
     * the network's configuration (and so its JSON) holds.
     */
    static List<Layer> confs(Model net, String name, org.deeplearning4j.nn.api.Layer impl) {
        Layer live = impl.conf().getLayer();
        Layer declared;
        if (net instanceof MultiLayerNetwork mln) {
            declared = mln.getLayerWiseConfigurations().getConf(impl.getIndex()).getLayer();
        } else {
            GraphVertex v = ((ComputationGraph) net).getConfiguration().getVertices().get(name);
            declared = v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : live;
        }
        return declared == live ? List.of(live) : List.of(live, declared);
    }

    /**
     * Checks that a layer can be fake-quantized through the weight-noise hook.
     *
     * @throws IllegalArgumentException naming the layer and its type if it cannot
     */
    static void requireHooked(String name, org.deeplearning4j.nn.api.Layer impl) {
        if (impl == null) {
            throw new IllegalArgumentException("'" + name + "' holds selected tensors but is a graph vertex, not a layer, "
                    + "so quantization-aware training cannot fake-quantize them. Leave it out with skipLayers(\""
                    + name + "\")");
        }
        if (!HOOKED.contains(impl.getClass())) {
            throw new IllegalArgumentException("layer '" + name + "' (" + impl.getClass().getSimpleName() + ") reads its "
                    + "weights without DL4J's weight-noise hook, so quantization-aware training cannot fake-quantize "
                    + "them; supported: dense, output, convolution 2D/3D, deconvolution, depthwise, separable, LSTM, "
                    + "GravesLSTM, SimpleRnn. Leave it out with skipLayers(\"" + name + "\")");
        }
        IWeightNoise noise = ((BaseLayer) impl.conf().getLayer()).getWeightNoise();
        if (noise != null && !(noise instanceof FakeQuantizedWeights)) {
            throw new IllegalArgumentException("layer '" + name + "' already has weight noise (" + noise + "); "
                    + "quantization-aware training would replace it");
        }
    }

    /** Sets (or, with {@code null}, removes) the fake quantization of one layer. */
    static void setNoise(Model net, String name, org.deeplearning4j.nn.api.Layer impl, FakeQuantizedWeights noise) {
        for (Layer conf : confs(net, name, impl)) {
            if (conf instanceof BaseLayer b) {
                b.setWeightNoise(noise);
            }
        }
        impl.clearNoiseWeightParams();
    }

    /** Whether a layer's weights are fake-quantized now. */
    static boolean isFakeQuantized(org.deeplearning4j.nn.api.Layer impl) {
        return impl.conf().getLayer() instanceof BaseLayer b && b.getWeightNoise() instanceof FakeQuantizedWeights;
    }

    /**
     * Checks that every layer of a network is fake-quantized as planned.
     *
     * @throws IllegalArgumentException naming the first layer that differs
     */
    static void requirePrepared(Model net, Map<String, FakeQuantizedWeights> plan) {
        for (Map.Entry<String, org.deeplearning4j.nn.api.Layer> e : byName(net).entrySet()) {
            Layer conf = e.getValue().conf().getLayer();
            IWeightNoise actual = conf instanceof BaseLayer b && b.getWeightNoise() instanceof FakeQuantizedWeights f
                    ? f : null;
            FakeQuantizedWeights expected = plan.get(e.getKey());
            if (!java.util.Objects.equals(actual, expected)) {
                throw new IllegalArgumentException("layer '" + e.getKey() + "' was trained with "
                        + (actual == null ? "fp32 weights" : actual) + " but these settings quantize it as "
                        + (expected == null ? "fp32 weights" : expected) + "; call prepare(network) with these "
                        + "settings before training");
            }
        }
    }

    /** Removes every {@link FakeQuantizedWeights} from a network (other weight noise stays). */
    static void strip(Model net) {
        for (Map.Entry<String, org.deeplearning4j.nn.api.Layer> e : byName(net).entrySet()) {
            for (Layer conf : confs(net, e.getKey(), e.getValue())) {
                if (conf instanceof BaseLayer b && b.getWeightNoise() instanceof FakeQuantizedWeights) {
                    b.setWeightNoise(null);
                }
            }
            e.getValue().clearNoiseWeightParams();
        }
    }

    /**
     * Gives each layer of {@code to} the {@link FakeQuantActivation} its namesake in {@code from} has
     * (same architecture); layers without one keep their activation.
     *
     * @return the names of the layers changed
     */
    static List<String> copyFakeQuantActivations(Model from, Model to) {
        Map<String, org.deeplearning4j.nn.api.Layer> target = byName(to);
        List<String> changed = new java.util.ArrayList<>();
        for (Map.Entry<String, org.deeplearning4j.nn.api.Layer> e : byName(from).entrySet()) {
            IActivation a = activation(e.getValue().conf().getLayer());
            org.deeplearning4j.nn.api.Layer t = target.get(e.getKey());
            if (a instanceof FakeQuantActivation && t != null) {
                for (Layer conf : confs(to, e.getKey(), t)) {
                    if (conf instanceof BaseLayer b) {
                        b.setActivationFn(a);
                    } else if (conf instanceof ActivationLayer al) {
                        al.setActivationFn(a);
                    }
                }
                changed.add(e.getKey());
            }
        }
        return changed;
    }

    private static IActivation activation(Layer conf) {
        return conf instanceof BaseLayer b ? b.getActivationFn()
                : conf instanceof ActivationLayer a ? a.getActivationFn() : null;
    }

    /** A copy of a network (parameters and configuration) without fake-quantized weights. */
    static Model strippedCopy(Model net) {
        Model copy = net instanceof MultiLayerNetwork mln ? mln.clone() : ((ComputationGraph) net).clone();
        strip(copy);
        return copy;
    }
}
