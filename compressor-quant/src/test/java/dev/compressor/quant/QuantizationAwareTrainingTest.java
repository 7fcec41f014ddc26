package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.quant.QatNetworks.Kind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * After real training steps, the fake-quantized network and the network restored from the
 * post-training-quantized artifact agree: same weights bit for bit, and outputs within
 * {@value #TOLERANCE} (absolute, on softmax probabilities), for every layer kind, as
 * MultiLayerNetwork and as ComputationGraph.
 */
class QuantizationAwareTrainingTest {

    /** Largest output difference accepted; the forward passes run the same ops on the same floats. */
    static final double TOLERANCE = 1e-6;

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(Kind.values()).flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @ParameterizedTest(name = "{0} graph={1}")
    @MethodSource("cases")
    void artifactReproducesTheTrainedFakeQuantizedNetwork(Kind kind, boolean graph) throws Exception {
        check(kind, graph, QuantizationAwareTraining.builder(4).build());
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of(Kind.CONV, true, QuantizationAwareTraining.builder(8).build()),
                Arguments.of(Kind.DENSE, false, QuantizationAwareTraining.builder(8).build()),
                Arguments.of(Kind.LSTM, false, QuantizationAwareTraining.builder(2).build()),
                Arguments.of(Kind.SEPARABLE, true, QuantizationAwareTraining.builder(6).scheme(QuantScheme.ASYMMETRIC)
                        .granularity(Granularity.PER_TENSOR).build()),
                Arguments.of(Kind.DEPTHWISE, false, QuantizationAwareTraining.builder(3)
                        .observer(Observers.mseOptimal()).layerBits("out", 5).build()),
                Arguments.of(Kind.DENSE, true, QuantizationAwareTraining.builder(4)
                        .observer(Observers.percentile(99.0)).build()));
    }

    /** The same holds at other widths, schemes, granularities and observers. */
    @ParameterizedTest(name = "{0} graph={1} {2}")
    @MethodSource("settings")
    void otherSettingsReproduceToo(Kind kind, boolean graph, QuantizationAwareTraining qat) throws Exception {
        check(kind, graph, qat);
    }

    private void check(Kind kind, boolean graph, QuantizationAwareTraining qat) throws Exception {
        Model net = QatNetworks.build(kind, graph);
        DataSet train = QatNetworks.data(kind, 32, 1);
        float[] before = net.params().dup().data().asFloat();
        qat.prepare(net);
        for (int i = 0; i < 5; i++) {
            QatNetworks.fit(net, train);
        }
        assertFalse(Arrays.equals(before, net.params().dup().data().asFloat()), "training changed the weights");

        INDArray x = QatNetworks.data(kind, 16, 2).getFeatures();
        INDArray fake = QatNetworks.output(net, x);
        double fromFp32 = Transforms.maxAbsDiff(fake, QatNetworks.output(QatLayers.strippedCopy(net), x));
        assertTrue(fromFp32 > 1e-6, "the forward pass uses quantized weights (differs from fp32 by " + fromFp32 + ")");
        CompressionResult r = qat.compress(net);
        Path file = dir.resolve("qat.cmz");
        r.artifact().write(file);
        CompressedModel read = CompressedModel.read(file);
        assertFalse(read.configJson().contains("FakeQuantizedWeights"), "the artifact names no training class");
        Model restored = read.restore();
        long linear = read.tensors().stream().filter(t -> t.encodingDescription().startsWith("int")).count();
        assertTrue(linear >= 2, "hidden and output weights stored as linear-int codes: " + read.tensors());

        assertWeightsEqual(net, restored);
        INDArray back = QatNetworks.output(restored, x);
        double diff = Transforms.maxAbsDiff(fake, back);
        System.out.printf("QAT %s graph=%s %s: |fake - restored| max %.3g, |fake - fp32| max %.3g%n", kind, graph,
                qat.describe(), diff, fromFp32);
        assertTrue(diff <= TOLERANCE, kind + " graph=" + graph + ": outputs differ by " + diff);
        assertTrue(Transforms.maxAbsDiff(fake, QatNetworks.output(r.network(), x)) <= TOLERANCE);
    }

    /**
     * Every fake-quantized tensor equals the restored network's tensor bit for bit; every other
     * tensor equals the trained fp32 one; and the hidden layer's weights really were quantized.
     */
    static void assertWeightsEqual(Model trained, Model restored) {
        Map<String, Layer> live = QatLayers.byName(trained);
        Map<String, Layer> back = QatLayers.byName(restored);
        int quantized = 0;
        for (Map.Entry<String, Layer> e : live.entrySet()) {
            Layer l = e.getValue();
            FakeQuantizedWeights noise = l.conf().getLayer() instanceof BaseLayer b
                    && b.getWeightNoise() instanceof FakeQuantizedWeights f ? f : null;
            for (Map.Entry<String, INDArray> p : l.paramTable().entrySet()) {
                String key = p.getKey();
                INDArray expected = noise != null && noise.bits().containsKey(key)
                        ? noise.getParameter(l, key, 0, 0, false, LayerWorkspaceMgr.noWorkspaces()) : p.getValue();
                INDArray actual = back.get(e.getKey()).getParam(key);
                assertArrayEquals(expected.dup('c').data().asFloat(), actual.dup('c').data().asFloat(), 0f,
                        e.getKey() + "_" + key);
                if (noise != null && noise.bits().containsKey(key)) {
                    quantized++;
                    assertFalse(Arrays.equals(expected.dup('c').data().asFloat(), p.getValue().dup('c').data()
                            .asFloat()), e.getKey() + "_" + key + " is quantized");
                }
            }
        }
        assertTrue(quantized >= 2, "hidden and output weights fake-quantized, got " + quantized);
    }

    /** Element-wise helpers on INDArrays. */
    static final class Transforms {
        private Transforms() {
        }

        static double maxAbsDiff(INDArray a, INDArray b) {
            assertArrayEquals(a.shape(), b.shape());
            float[] x = a.dup('c').data().asFloat();
            float[] y = b.dup('c').data().asFloat();
            double m = 0;
            for (int i = 0; i < x.length; i++) {
                m = Math.max(m, Math.abs((double) x[i] - y[i]));
            }
            return m;
        }
    }
}
