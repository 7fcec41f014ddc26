package dev.compressor.prune.structured;

import static dev.compressor.prune.structured.DirectPointwiseConvolutionTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionState;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RestoreOptions;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Whole networks converted by {@link PointwiseConvolutions#directGemm}, and structured pruning's use of it. */
class PointwiseConvolutionsTest {

    /**
     * Two ResNet bottlenecks as the DL4J zoo builds them: a projection block (1x1 reduce with
     * stride 2, 3x3, 1x1 expand, 1x1 stride-2 projection) and an identity block (1x1 reduce, 3x3,
     * 1x1 expand), each with batch norm, ReLU and a residual add; then average pool and softmax.
     */
    static ComputationGraph bottlenecks(long seed) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Sgd(0.05)).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(12, 12, 3))
                .addLayer("stem", conv(3, 1, 16), "in")
                .addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem")
                .addLayer("stem_relu", new ActivationLayer(Activation.RELU), "stem_bn");
        block(b, "a", "stem_relu", 2, true);
        block(b, "b", "a_out", 1, false);
        ComputationGraph g = new ComputationGraph(b
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "b_out")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build());
        g.init();
        return g;
    }

    private static void block(ComputationGraphConfiguration.GraphBuilder b, String p, String in, int stride,
            boolean projection) {
        b.addLayer(p + "_2a", conv(1, stride, 8), in)
                .addLayer(p + "_bn2a", new BatchNormalization.Builder().build(), p + "_2a")
                .addLayer(p + "_relu2a", new ActivationLayer(Activation.RELU), p + "_bn2a")
                .addLayer(p + "_2b", conv(3, 1, 8), p + "_relu2a")
                .addLayer(p + "_bn2b", new BatchNormalization.Builder().build(), p + "_2b")
                .addLayer(p + "_relu2b", new ActivationLayer(Activation.RELU), p + "_bn2b")
                .addLayer(p + "_2c", conv(1, 1, 32), p + "_relu2b")
                .addLayer(p + "_bn2c", new BatchNormalization.Builder().build(), p + "_2c");
        String shortcut = in;
        if (projection) {
            b.addLayer(p + "_1", conv(1, stride, 32), in)
                    .addLayer(p + "_bn1", new BatchNormalization.Builder().build(), p + "_1");
            shortcut = p + "_bn1";
        }
        b.addVertex(p + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "_bn2c", shortcut)
                .addLayer(p + "_out", new ActivationLayer(Activation.RELU), p + "_add");
    }

    private static ConvolutionLayer conv(int k, int stride, int out) {
        return new ConvolutionLayer.Builder(k, k).stride(stride, stride).nOut(out)
                .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build();
    }

    private static void assertSameActivations(ComputationGraph a, ComputationGraph b, INDArray x) {
        Map<String, INDArray> fa = a.feedForward(x, false);
        Map<String, INDArray> fb = b.feedForward(x, false);
        assertEquals(fa.keySet(), fb.keySet());
        for (String k : fa.keySet()) {
            assertClose(fa.get(k), fb.get(k), 1e-5 * Math.max(1, fa.get(k).amaxNumber().doubleValue()), k);
        }
    }

    @Test
    void bottleneckGraphComputesTheSameAndTrainsTheSame() {
        ComputationGraph dl4j = bottlenecks(1);
        List<String> all = List.of("a_2a", "a_2c", "a_1", "b_2a", "b_2c");
        assertEquals(all, PointwiseConvolutions.eligibleLayers(dl4j), "stride-2 reduce and projection included");
        ComputationGraph direct = PointwiseConvolutions.directGemm(dl4j);
        for (String name : all) {
            assertInstanceOf(DirectPointwiseLayer.class, direct.getLayer(name));
        }
        for (String name : List.of("a_2b", "b_2b", "stem")) {
            assertEquals(ConvolutionLayer.class, direct.getLayer(name).conf().getLayer().getClass(), name);
        }
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, 12, 12);
        assertSameActivations(dl4j, direct, x);
        assertClose(dl4j.outputSingle(x), direct.outputSingle(x), 1e-5, "softmax output");

        INDArray y = Nd4j.zeros(DataType.FLOAT, 3, 4);
        for (int i = 0; i < 3; i++) {
            y.putScalar(i, i, 1.0);
        }
        for (int i = 0; i < 3; i++) {
            dl4j.fit(new INDArray[] {x}, new INDArray[] {y});
            direct.fit(new INDArray[] {x}, new INDArray[] {y});
        }
        assertClose(dl4j.params(), direct.params(), 1e-5, "parameters after 3 SGD steps");
    }

    @Test
    void parametersAreCopiedNotShared() {
        ComputationGraph dl4j = bottlenecks(3);
        ComputationGraph direct = PointwiseConvolutions.directGemm(dl4j);
        assertEquals(dl4j.params(), direct.params());
        dl4j.getParam("b_2a_W").addi(1.0);
        assertFalse(dl4j.params().equals(direct.params()));
    }

    @Test
    void zooResNet50ComputesTheSame() {
        // Xavier: the zoo's default initialisation (truncated normal, sd 0.5) overflows to NaN by stage 5
        ComputationGraph dl4j = ResNet50.builder().numClasses(10).weightInit(new WeightInitXavier()).build().init();
        List<String> eligible = PointwiseConvolutions.eligibleLayers(dl4j);
        // every 1x1: 16 expand convolutions, 12 reduce convolutions of the identity blocks, and the
        // stride-2 reduce and projection the zoo gives every projection block (res2a included)
        assertEquals(36, eligible.size(), eligible.toString());
        assertTrue(eligible.contains("res2b_branch2a") && eligible.contains("res2a_branch2c")
                && eligible.contains("res5c_branch2c"), eligible.toString());
        assertTrue(eligible.contains("res2a_branch2a") && eligible.contains("res2a_branch1")
                && eligible.contains("res3a_branch2a") && eligible.contains("res5a_branch1"), "stride 2");
        assertFalse(eligible.contains("stem-cnn1") || eligible.contains("res2a_branch2b"), "7x7 and 3x3");
        assertTrue(dl4j.getConfiguration().getVertices().containsKey("stem-cnn1"), "the stem's name");
        ComputationGraph direct = PointwiseConvolutions.directGemm(dl4j);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        assertClose(dl4j.outputSingle(x), direct.outputSingle(x), 1e-5, "ResNet-50 output");
        Map<String, INDArray> fa = dl4j.feedForward(x, false);
        Map<String, INDArray> fb = direct.feedForward(x, false);
        for (String k : List.of("res2a_branch2c", "res3a_branch2a", "res3a_branch1", "res4f_branch2a", "bn4f_branch2a",
                "res5a_branch1", "res5c_branch2c")) {
            assertClose(fa.get(k), fb.get(k), 1e-5 * Math.max(1, fa.get(k).amaxNumber().doubleValue()), k);
        }
    }

    @Test
    void graphRoundTripsThroughModelSerializer(@TempDir Path dir) throws Exception {
        ComputationGraph direct = PointwiseConvolutions.directGemm(bottlenecks(5));
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(direct.getConfiguration().toJson());
        assertEquals(direct.getConfiguration(), back);
        File file = dir.resolve("graph.zip").toFile();
        ModelSerializer.writeModel(direct, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertInstanceOf(DirectPointwiseLayer.class, restored.getLayer("b_2a"));
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 12, 12);
        assertEquals(direct.outputSingle(x), restored.outputSingle(x));
    }

    @Test
    void badArgumentsFailClearly() {
        assertThrows(NullPointerException.class, () -> PointwiseConvolutions.directGemm((ComputationGraph) null));
        assertThrows(NullPointerException.class, () -> PointwiseConvolutions.directGemm((MultiLayerNetwork) null));
        ComputationGraph uninitialised = new ComputationGraph(bottlenecks(7).getConfiguration().clone());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointwiseConvolutions.directGemm(uninitialised));
        assertTrue(e.getMessage().contains("init()"), e.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> PointwiseConvolutions.eligibleLayers(null));
        assertTrue(other.getMessage().contains("null"), other.getMessage());
        assertEquals(List.of("a_2a", "a_2c", "a_1", "b_2a", "b_2c"), PointwiseConvolutions.eligibleLayers(uninitialised),
                "listing works without parameters");
    }

    @Test
    void structuredPruningWritesPlainLayersAndTheDirectPathIsChosenAtRestore(@TempDir Path dir) throws Exception {
        ComputationGraph net = bottlenecks(8);
        CompressionState state = CompressionState.of(net, 42);
        ChannelPruning pruning = ChannelPruning.ratio(0.5).layers("a_2a", "b_2a", "b_2b");
        ComputationGraph plain = (ComputationGraph) pruning.apply(state).toNetwork();
        assertFalse(pruning.describe().contains("direct"), pruning.describe());
        assertEquals(ConvolutionLayer.class, plain.getLayer("b_2c").conf().getLayer().getClass());
        assertEquals(ConvolutionLayer.class, plain.getLayer("a_2a").conf().getLayer().getClass());
        assertEquals(4, ((ConvolutionLayer) plain.getLayer("a_2a").conf().getLayer()).getNOut());
        assertEquals(4, ((ConvolutionLayer) plain.getLayer("b_2c").conf().getLayer()).getNIn(), "pruned input");

        Path file = dir.resolve("pruned.dlc");
        pruning.compress(net).artifact().write(file);
        CompressedModel artifact = CompressedModel.read(file);
        assertFalse(artifact.configJson().contains("DirectPointwise"), "the artifact holds stock layers only");
        assertTrue(artifact.requirements().isEmpty(), artifact.requirements().toString());
        ComputationGraph restored = artifact.restoreComputationGraph();
        assertEquals(ConvolutionLayer.class, restored.getLayer("a_2c").conf().getLayer().getClass());
        ComputationGraph direct = (ComputationGraph) artifact.restore(
                RestoreOptions.DEFAULT.withRewrite(PointwiseConvolutions.rewrite()));
        assertInstanceOf(DirectPointwiseLayer.class, direct.getLayer("b_2c"));
        assertInstanceOf(DirectPointwiseLayer.class, direct.getLayer("a_2a"), "the pruned stride-2 reduce");
        assertEquals(plain.params(), direct.params());
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 12, 12);
        assertSameActivations(plain, direct, x);

        // a network that already has direct layers is pruned into plain layers again
        ComputationGraph fast = PointwiseConvolutions.directGemm(net);
        ComputationGraph twice = (ComputationGraph) ChannelPruning.ratio(0.5).layers("b_2a")
                .apply(CompressionState.of(fast, 42)).toNetwork();
        assertTrue(ChannelPruning.plan(fast).groupOf("b_2a").prunable(), "direct 1x1 layers are convolutions");
        assertEquals(ConvolutionLayer.class, twice.getLayer("b_2c").conf().getLayer().getClass());
        assertEquals(4, ((ConvolutionLayer) twice.getLayer("b_2a").conf().getLayer()).getNOut());
    }

    @Test
    void theRewriteLeavesANetworkWithoutPointwiseConvolutionsAlone() {
        MultiLayerNetwork dense = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        dense.init();
        assertSame(dense, PointwiseConvolutions.rewrite().apply(dense));
    }
}
