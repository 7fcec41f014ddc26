package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.TensorSelector;
import dev.compressor.quant.QatNetworks.Kind;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Bad settings and unsupported networks fail with messages that name the value or the layer. */
class QatBadInputTest {

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 9, 16})
    void weightBitsOutside2To8AreRefused(int bits) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.builder(bits));
        assertEquals("bits must be 2..8 for quantization-aware training, got " + bits, e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.builder(4).layerBits("hidden", bits));
        assertTrue(e.getMessage().contains("'hidden'") && e.getMessage().endsWith("got " + bits), e.getMessage());
    }

    @Test
    void activationSettingsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.builder(4).activations(1, Nd4j.zeros(2, 12)));
        assertTrue(e.getMessage().contains("got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QuantizationAwareTraining.builder(4).activations(8));
        assertTrue(e.getMessage().contains("calibration"), e.getMessage());
        assertThrows(NullPointerException.class, () -> QuantizationAwareTraining.builder(4).observer(null));
    }

    @Test
    void unknownLayerNamesAndUninitialisedNetworksAreRefused() {
        Model net = QatNetworks.build(Kind.DENSE, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.builder(4).skipLayers("nope").build().prepare(net));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        MultiLayerNetwork fresh = new MultiLayerNetwork(((MultiLayerNetwork) net).getLayerWiseConfigurations());
        e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.builder(4).build().prepare(fresh));
        assertTrue(e.getMessage().contains("init()"), e.getMessage());
        assertThrows(NullPointerException.class, () -> QuantizationAwareTraining.builder(4).build().prepare(null));
    }

    /** Layers without the weight-noise hook are named, nothing is changed, and skipping them works. */
    @Test
    void layersWithoutTheHookAreNamedAndCanBeSkipped() {
        MultiLayerNetwork emb = net(new EmbeddingLayer.Builder().name("emb").nIn(10).nOut(4).build(),
                InputType.feedForward(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.builder(4).build().prepare(emb));
        assertTrue(e.getMessage().contains("layer 'emb' (EmbeddingLayer)") && e.getMessage().contains("skipLayers"),
                e.getMessage());
        assertNull(((BaseLayer) emb.getLayer(1).conf().getLayer()).getWeightNoise(), "nothing prepared");
        QuantizationAwareTraining skip = QuantizationAwareTraining.builder(4).skipLayers("emb").build();
        skip.prepare(emb);
        assertTrue(QatLayers.isFakeQuantized(emb.getLayer(1)));
        java.util.List<dev.compressor.api.artifact.ArtifactTensor> stored = skip.compress(emb).artifact().tensors();
        for (dev.compressor.api.artifact.ArtifactTensor t : stored) {
            boolean quantized = t.encodingDescription().startsWith("int4");
            assertEquals(!t.info().layerName().equals("emb") && t.info().paramKey().equals("W"), quantized,
                    t.info().name() + ": " + t.encodingDescription());
        }

        MultiLayerNetwork conv1d = net(new Convolution1DLayer.Builder(2).name("c1").nOut(4).build(),
                InputType.recurrent(3, 6));
        e = assertThrows(IllegalArgumentException.class, () -> QuantizationAwareTraining.builder(4).build()
                .prepare(conv1d));
        assertTrue(e.getMessage().contains("layer 'c1' (Convolution1DLayer)"), e.getMessage());
    }

    /** A graph vertex with parameters (attention) has no weight-noise hook either. */
    @Test
    void verticesWithParametersAreNamed() {
        ComputationGraph cg = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(2).graphBuilder()
                .addInputs("in")
                .addVertex("att", new AttentionVertex.Builder().nOut(4).nHeads(1).nInQueries(4).nInKeys(4)
                        .nInValues(4).projectInput(true).build(), "in", "in", "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "att")
                .setOutputs("out").setInputTypes(InputType.recurrent(4, 5)).build());
        cg.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuantizationAwareTraining
                .builder(4).tensors(TensorSelector.all(), "all tensors").build().prepare(cg));
        assertTrue(e.getMessage().contains("'att'") && e.getMessage().contains("graph vertex"), e.getMessage());
        QuantizationAwareTraining.builder(4).tensors(TensorSelector.all(), "all tensors").skipLayers("att").build()
                .prepare(cg);
        assertTrue(QatLayers.isFakeQuantized(cg.getLayer("out")));
    }

    @Test
    void otherWeightNoiseIsNotReplaced() {
        MultiLayerNetwork net = (MultiLayerNetwork) QatNetworks.build(Kind.DENSE, false);
        ((BaseLayer) net.getLayer(0).conf().getLayer()).setWeightNoise(new DropConnect(0.9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.builder(4).build().prepare(net));
        assertTrue(e.getMessage().contains("layer 'hidden' already has weight noise"), e.getMessage());
    }

    /** Compressing with settings other than those the network was trained with is refused. */
    @Test
    void compressNeedsTheSettingsTheNetworkWasPreparedWith() {
        Model net = QatNetworks.build(Kind.DENSE, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.builder(4).build().compress(net));
        assertTrue(e.getMessage().contains("layer 'hidden' was trained with fp32 weights"), e.getMessage());
        QuantizationAwareTraining.builder(4).build().prepare(net);
        e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.builder(3).build().compress(net));
        assertTrue(e.getMessage().contains("bits {W=4}") && e.getMessage().contains("bits {W=3}"), e.getMessage());
        QuantizationAwareTraining.builder(3).build().prepare(net);
        QuantizationAwareTraining.builder(3).build().compress(net);
    }

    @Test
    void customObserversDoNotSurviveJson() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FakeQuantizedWeights.parseObserver("myObserver"));
        assertTrue(e.getMessage().contains("'myObserver'"), e.getMessage());
        assertEquals("percentile(99.5)", FakeQuantizedWeights.parseObserver("percentile(99.5)").describe());
    }

    private static MultiLayerNetwork net(org.deeplearning4j.nn.conf.layers.Layer first, InputType in) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).list().layer(first);
        if (first instanceof Convolution1DLayer) {
            b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        }
        MultiLayerConfiguration conf = b.layer(new DenseLayer.Builder().name("fc").nOut(5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(in).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
