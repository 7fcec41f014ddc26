package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.api.testdata.FashionMnist;
import dev.compressor.quant.QatNetworks.Kind;
import dev.compressor.quant.QuantizationAwareTrainingTest.Transforms;
import dev.compressor.quant.internal.FakeQuantActivation;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * How quantization-aware training trains: the gradient is the straight-through one, it lowers the
 * loss on real data, activations can be fake-quantized too, and a prepared network survives DL4J's
 * own serialisation.
 */
class QatTrainingTest {

    @TempDir
    Path dir;

    /**
     * The straight-through estimator: the gradient of the fake-quantized network equals the gradient
     * of an fp32 network that holds the quantized weights (the restored artifact).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void gradientIsTheGradientAtTheQuantizedWeights(Kind kind) {
        for (boolean graph : new boolean[] {false, true}) {
            Model net = QatNetworks.build(kind, graph);
            QuantizationAwareTraining qat = QuantizationAwareTraining.builder(3).build();
            qat.prepare(net);
            DataSet d = QatNetworks.data(kind, 16, 5);
            QatNetworks.fit(net, d);
            Model quantized = qat.compress(net).network();
            INDArray g = gradient(net, d);
            INDArray expected = gradient(quantized, d);
            double diff = Transforms.maxAbsDiff(g, expected);
            double scale = Transforms.maxAbsDiff(expected, expected.mul(0));
            assertTrue(scale > 0 && diff <= 1e-5 * scale, kind + " graph=" + graph + ": gradients differ by " + diff
                    + " (largest " + scale + ")");
            assertTrue(Transforms.maxAbsDiff(g, gradient(QatLayers.strippedCopy(net), d)) > 1e-4 * scale,
                    "and differs from the fp32 gradient");
        }
    }

    private static INDArray gradient(Model net, DataSet d) {
        if (net instanceof MultiLayerNetwork m) {
            m.setInput(d.getFeatures());
            m.setLabels(d.getLabels());
            m.computeGradientAndScore();
            return m.gradient().gradient().dup();
        }
        ComputationGraph cg = (ComputationGraph) net;
        cg.setInputs(d.getFeatures());
        cg.setLabels(d.getLabels());
        cg.computeGradientAndScore();
        return cg.gradient().gradient().dup();
    }

    /** Int2 training from scratch on Fashion-MNIST: the loss falls and the compressed network learned. */
    @Test
    void int2TrainingLowersTheLossOnRealData() throws Exception {
        MultiLayerNetwork net = mlp();
        QuantizationAwareTraining qat = QuantizationAwareTraining.builder(2).build();
        qat.prepare(net);
        DataSet test = new DataSet(FashionMnist.test().features(), FashionMnist.test().oneHotLabels());
        double before = net.score(test);
        net.fit(FashionMnist.train().iterator(100), 1);
        double after = net.score(test);
        assertTrue(after < 0.6 * before, "loss " + before + " -> " + after);
        CompressionResult r = qat.compress(net);
        r.artifact().write(dir.resolve("int2.cmz"));
        Model restored = CompressedModel.read(dir.resolve("int2.cmz")).restore();
        double acc = accuracy(restored, test);
        System.out.printf("int2 QAT, 1 epoch from scratch: loss %.3f -> %.3f, test top-1 %.3f%n", before, after, acc);
        assertTrue(acc > 0.7, "int2 QAT top-1 " + acc);
    }

    static MultiLayerNetwork mlp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(2e-3))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(FashionMnist.PIXELS).nOut(64)
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(64)
                        .nOut(FashionMnist.CLASSES).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static double accuracy(Model net, DataSet test) {
        INDArray pred = QatNetworks.output(net, test.getFeatures()).argMax(1);
        INDArray truth = test.getLabels().argMax(1);
        long correct = 0;
        for (long i = 0; i < pred.length(); i++) {
            correct += pred.getLong(i) == truth.getLong(i) ? 1 : 0;
        }
        return correct / (double) pred.length();
    }

    /** With activations fake-quantized, the artifact (which carries the grids) still reproduces the network. */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"DENSE", "CONV"})
    void activationGridsTravelInTheArtifact(Kind kind) throws Exception {
        for (boolean graph : new boolean[] {false, true}) {
            Model net = QatNetworks.build(kind, graph);
            DataSet d = QatNetworks.data(kind, 32, 3);
            QuantizationAwareTraining qat = QuantizationAwareTraining.builder(4).activations(4, d.getFeatures())
                    .build();
            qat.prepare(net);
            BaseLayer hidden = (BaseLayer) QatLayers.byName(net).get("hidden").conf().getLayer();
            BaseLayer out = (BaseLayer) QatLayers.byName(net).get("out").conf().getLayer();
            assertInstanceOf(FakeQuantActivation.class, hidden.getActivationFn());
            assertFalse(out.getActivationFn() instanceof FakeQuantActivation, "output layer stays fp32");
            for (int i = 0; i < 3; i++) {
                QatNetworks.fit(net, d);
            }
            INDArray x = QatNetworks.data(kind, 8, 4).getFeatures();
            CompressionResult r = qat.compress(net);
            r.artifact().write(dir.resolve("act.cmz"));
            Model restored = CompressedModel.read(dir.resolve("act.cmz")).restore();
            double diff = Transforms.maxAbsDiff(QatNetworks.output(net, x), QatNetworks.output(restored, x));
            assertTrue(diff <= QuantizationAwareTrainingTest.TOLERANCE, kind + " graph=" + graph + ": " + diff);
            QuantizationAwareTrainingTest.assertWeightsEqual(net, restored);
        }
    }

    /** The resident-quantized runtime runs the artifact as it runs any post-training one. */
    @Test
    void residentRuntimeRunsTheArtifact() throws Exception {
        Model net = QatNetworks.build(Kind.DENSE, false);
        DataSet d = QatNetworks.data(Kind.DENSE, 32, 6);
        QuantizationAwareTraining qat = QuantizationAwareTraining.builder(4).build();
        qat.prepare(net);
        QatNetworks.fit(net, d);
        qat.compress(net).artifact().write(dir.resolve("r.cmz"));
        Model resident = CompressedModel.read(dir.resolve("r.cmz")).restore(RuntimeMode.RESIDENT_QUANTIZED);
        double diff = Transforms.maxAbsDiff(QatNetworks.output(net, d.getFeatures()),
                QatNetworks.output(resident, d.getFeatures()));
        assertTrue(diff <= 1e-5, "resident outputs differ by " + diff);
    }

    /** A prepared network saved with DL4J's ModelSerializer (a training checkpoint) still fake-quantizes. */
    @Test
    void preparedNetworkSurvivesModelSerializer() throws Exception {
        MultiLayerNetwork net = (MultiLayerNetwork) QatNetworks.build(Kind.CONV, false);
        QuantizationAwareTraining qat = QuantizationAwareTraining.builder(3).observer(Observers.percentile(99.9))
                .build();
        qat.prepare(net);
        DataSet d = QatNetworks.data(Kind.CONV, 16, 8);
        QatNetworks.fit(net, d);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations().getConf(0).getLayer(), back.getConf(0).getLayer());
        ModelSerializer.writeModel(net, dir.resolve("ckpt.zip").toFile(), true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("ckpt.zip").toFile(), true);
        assertInstanceOf(FakeQuantizedWeights.class, ((BaseLayer) restored.getLayer(0).conf().getLayer())
                .getWeightNoise());
        assertEquals(0.0, Transforms.maxAbsDiff(net.output(d.getFeatures()), restored.output(d.getFeatures())));
        QuantizationAwareTraining.remove(restored);
        assertNull(((BaseLayer) restored.getLayer(0).conf().getLayer()).getWeightNoise());
        assertTrue(Transforms.maxAbsDiff(net.output(d.getFeatures()), restored.output(d.getFeatures())) > 1e-4,
                "without the fake quantization the outputs are fp32 ones");
    }
}
