package dev.compressor.prune.structured;

import static dev.compressor.prune.structured.DirectPointwiseConvolutionTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionState;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@link BatchNormFolding} on small graphs, a MultiLayerNetwork and the zoo's ResNet-50. */
class BatchNormFoldingTest {

    /** Gives every batch normalisation random statistics, gamma and beta, so that folding is not an identity. */
    static void randomiseBatchNorm(Model net, long seed) {
        Nd4j.getRandom().setSeed(seed);
        Layer[] layers = net instanceof ComputationGraph g ? g.getLayers() : ((MultiLayerNetwork) net).getLayers();
        for (Layer l : layers) {
            if (!(l.conf().getLayer() instanceof BatchNormalization)) {
                continue;
            }
            for (Map.Entry<String, INDArray> e : l.paramTable().entrySet()) {
                INDArray u = Nd4j.rand(e.getValue().dataType(), e.getValue().shape());
                switch (e.getKey()) {
                    case BatchNormalizationParamInitializer.GAMMA -> e.getValue().assign(u.addi(0.5));
                    case BatchNormalizationParamInitializer.GLOBAL_VAR -> e.getValue().assign(u.muli(1.5).addi(0.5));
                    case BatchNormalizationParamInitializer.GLOBAL_LOG_STD -> e.getValue().assign(u.subi(0.5).muli(0.4));
                    default -> e.getValue().assign(u.subi(0.5)); // beta, mean
                }
            }
        }
    }

    /** Equal within 1e-4 of the expected array's largest magnitude. */
    static void assertRelativelyClose(INDArray expected, INDArray actual, String what) {
        assertClose(expected, actual, 1e-4 * expected.amaxNumber().doubleValue(), what);
    }

    private static List<String> batchNormLayers(Layer[] layers) {
        List<String> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                out.add(l.conf().getLayer().getLayerName());
            }
        }
        return out;
    }

    @Test
    void residualGraphFoldsEveryBatchNormAndComputesTheSame() {
        ComputationGraph net = PointwiseConvolutionsTest.bottlenecks(11);
        randomiseBatchNorm(net, 12);
        INDArray before = net.params().dup();
        List<String> all = batchNormLayers(net.getLayers());
        assertEquals(8, all.size());
        assertEquals(all, BatchNormFolding.foldable(net));

        ComputationGraph folded = BatchNormFolding.fold(net);
        assertEquals(List.of(), batchNormLayers(folded.getLayers()));
        assertEquals(before, net.params(), "the argument is not modified");
        assertEquals(all, batchNormLayers(net.getLayers()));
        ComputationGraphConfiguration conf = folded.getConfiguration();
        assertEquals(List.of("a_2a"), conf.getVertexInputs().get("a_relu2a"), "consumers read the convolution");
        assertEquals(List.of("a_2c", "a_1"), conf.getVertexInputs().get("a_add"));
        long bnParams = 4L * (16 + 8 + 8 + 32 + 32 + 8 + 8 + 32);
        assertEquals(net.numParams() - bnParams, folded.numParams(), "the convolutions already had biases");

        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, 12, 12);
        assertRelativelyClose(net.outputSingle(x), folded.outputSingle(x), "softmax output");
        Map<String, INDArray> fa = net.feedForward(x, false);
        Map<String, INDArray> fb = folded.feedForward(x, false);
        for (String k : List.of("stem_relu", "a_relu2b", "a_out", "b_add", "b_out", "pool")) {
            assertRelativelyClose(fa.get(k), fb.get(k), k);
        }
        assertRelativelyClose(fa.get("b_bn2c"), fb.get("b_2c"), "a convolution computes its batch norm's output");

        ComputationGraph fastest = BatchNormFolding.fold(PointwiseConvolutions.directGemm(net));
        assertInstanceOf(DirectPointwiseLayer.class, fastest.getLayer("b_2a"));
        assertInstanceOf(DirectPointwiseLayer.class, fastest.getLayer("a_1"), "a stride-2 projection, folded");
        assertEquals(List.of("a_1"), fastest.getConfiguration().getVertexInputs().get("a_add").subList(1, 2));
        assertRelativelyClose(net.outputSingle(x), fastest.outputSingle(x), "direct 1x1 and folded");
    }

    /**
     * conv 3x3 without bias, batch norm with log10 std and an (ignored) tanh activation, ReLU,
     * depthwise 3x3 with multiplier 2, batch norm with a stored variance and locked gamma 2 and beta
     * 0.5, 1x1 conv with ReLU, batch norm (stays), 1x1 conv, batch norm with a stored variance and
     * locked gamma 2 and beta 0 (which DL4J does not apply), pool, softmax.
     */
    static MultiLayerNetwork mixedChain(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).weightInit(new WeightInitXavier())
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).hasBias(false).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(true).activation(Activation.TANH).build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).lockGammaBeta(true).gamma(2).beta(0.5).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(5).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).lockGammaBeta(true).gamma(2).beta(0).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(9, 9, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void multiLayerNetworkWithLogStdLockedGammaBetaDepthwiseAndNoBias() {
        MultiLayerNetwork net = mixedChain(21);
        randomiseBatchNorm(net, 22);
        assertTrue(net.getLayer(1).paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
        assertTrue(net.getLayer(4).paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_VAR));
        assertEquals(List.of("layer1", "layer4", "layer8"), BatchNormFolding.foldable(net), "the BN after a ReLU conv stays");

        MultiLayerNetwork folded = BatchNormFolding.fold(net);
        assertEquals(8, folded.getnLayers());
        assertEquals(List.of(4), batchNormIndices(folded), "the batch norm after the ReLU convolution");
        assertTrue(((ConvolutionLayer) folded.getLayer(0).conf().getLayer()).hasBias(), "bias added");
        assertFalse(((ConvolutionLayer) net.getLayer(0).conf().getLayer()).hasBias(), "original untouched");
        assertInstanceOf(DepthwiseConvolution2D.class, folded.getLayer(2).conf().getLayer());

        Nd4j.getRandom().setSeed(23);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 9, 9);
        assertRelativelyClose(net.output(x), folded.output(x), "softmax output");
        List<INDArray> fa = net.feedForward(x, false);
        List<INDArray> fb = folded.feedForward(x, false);
        // activation indices (layer index + 1): original, folded
        int[][] same = {{2, 1}, {3, 2}, {5, 3}, {6, 4}, {7, 5}, {9, 6}, {10, 7}, {11, 8}};
        for (int[] p : same) {
            assertRelativelyClose(fa.get(p[0]), fb.get(p[1]), "activation " + p[0] + " / " + p[1]);
        }
    }

    private static List<Integer> batchNormIndices(MultiLayerNetwork net) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).conf().getLayer() instanceof BatchNormalization) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * c1 feeds its batch norm and an add (bn1 stays); bn2 reads the add (stays); relu -> bn3
     * (stays); c2 -> bn4 (folded).
     */
    private static ComputationGraph unfoldable(long seed) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(seed)
                .weightInit(new WeightInitXavier()).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("c1", conv(3, 4), "in")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "c1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn1", "c1")
                .addLayer("bn2", new BatchNormalization.Builder().build(), "add")
                .addLayer("relu", new ActivationLayer(Activation.RELU), "bn2")
                .addLayer("bn3", new BatchNormalization.Builder().build(), "relu")
                .addLayer("c2", conv(1, 6), "bn3")
                .addLayer("bn4", new BatchNormalization.Builder().build(), "c2")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "bn4")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build());
        g.init();
        return g;
    }

    private static ConvolutionLayer conv(int k, int out) {
        return new ConvolutionLayer.Builder(k, k).nOut(out).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.IDENTITY).build();
    }

    @Test
    void batchNormsThatCannotBeFoldedStay() {
        ComputationGraph net = unfoldable(31);
        randomiseBatchNorm(net, 32);
        assertEquals(List.of("bn4"), BatchNormFolding.foldable(net));
        ComputationGraph folded = BatchNormFolding.fold(net);
        assertEquals(List.of("bn1", "bn2", "bn3"), batchNormLayers(folded.getLayers()));
        assertEquals(List.of("c2"), folded.getConfiguration().getVertexInputs().get("pool"));
        assertEquals(List.of("bn1", "c1"), folded.getConfiguration().getVertexInputs().get("add"));
        for (String kept : List.of("bn1", "bn2", "bn3", "c1")) {
            assertEquals(net.getLayer(kept).params(), folded.getLayer(kept).params(), kept);
        }
        Nd4j.getRandom().setSeed(33);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8);
        assertRelativelyClose(net.outputSingle(x), folded.outputSingle(x), "softmax output");
        assertRelativelyClose(net.feedForward(x, false).get("bn4"), folded.feedForward(x, false).get("c2"), "c2");
    }

    @Test
    void zooResNet50FoldsAllBatchNormsAndComputesTheSame() {
        // Xavier: the zoo's default initialisation (truncated normal, sd 0.5) overflows to NaN by stage 5
        ComputationGraph net = ResNet50.builder().numClasses(10).weightInit(new WeightInitXavier()).build().init();
        randomiseBatchNorm(net, 41);
        assertEquals(53, BatchNormFolding.foldable(net).size());
        ComputationGraph folded = BatchNormFolding.fold(PointwiseConvolutions.directGemm(net));
        assertEquals(List.of(), batchNormLayers(folded.getLayers()));
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        Map<String, INDArray> fa = net.feedForward(x, false);
        Map<String, INDArray> fb = folded.feedForward(x, false);
        assertRelativelyClose(fa.get("bn5c_branch2c"), fb.get("res5c_branch2c"), "last expand convolution");
        assertRelativelyClose(fa.get("avgpool"), fb.get("avgpool"), "pooled features");
        assertRelativelyClose(net.outputSingle(x), folded.outputSingle(x), "ResNet-50 output");
    }

    @Test
    void foldedNetworksRoundTripThroughJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        ComputationGraph net = PointwiseConvolutionsTest.bottlenecks(51);
        randomiseBatchNorm(net, 52);
        ComputationGraph folded = BatchNormFolding.fold(PointwiseConvolutions.directGemm(net));
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(folded.getConfiguration().toJson());
        assertEquals(folded.getConfiguration(), back);
        File file = dir.resolve("graph.zip").toFile();
        ModelSerializer.writeModel(folded, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        Nd4j.getRandom().setSeed(53);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 12, 12);
        assertEquals(folded.outputSingle(x), restored.outputSingle(x));
        assertNull(restored.getConfiguration().getVertices().get("b_bn2a"));

        MultiLayerNetwork chain = BatchNormFolding.fold(mixedChain(54));
        File chainFile = dir.resolve("chain.zip").toFile();
        ModelSerializer.writeModel(chain, chainFile, false);
        MultiLayerNetwork chainBack = ModelSerializer.restoreMultiLayerNetwork(chainFile, false);
        INDArray y = Nd4j.rand(DataType.FLOAT, 2, 3, 9, 9);
        assertEquals(chain.output(y), chainBack.output(y));
    }

    @Test
    void badArgumentsFailClearly() {
        assertThrows(NullPointerException.class, () -> BatchNormFolding.fold((ComputationGraph) null));
        assertThrows(NullPointerException.class, () -> BatchNormFolding.fold((MultiLayerNetwork) null));
        assertThrows(NullPointerException.class, () -> BatchNormFolding.fold((Model) null));
        ComputationGraph uninitialised = new ComputationGraph(PointwiseConvolutionsTest.bottlenecks(61)
                .getConfiguration().clone());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormFolding.fold(uninitialised));
        assertTrue(e.getMessage().contains("init()"), e.getMessage());
        MultiLayerNetwork uninitialisedChain = new MultiLayerNetwork(mixedChain(62).getLayerWiseConfigurations());
        assertThrows(IllegalArgumentException.class, () -> BatchNormFolding.fold(uninitialisedChain));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> BatchNormFolding.foldable(null));
        assertTrue(other.getMessage().contains("null"), other.getMessage());
        assertEquals(8, BatchNormFolding.foldable(uninitialised).size(), "listing works without parameters");
    }

    @Test
    void structuredPruningFoldsOnRequest() {
        ComputationGraph net = PointwiseConvolutionsTest.bottlenecks(71);
        randomiseBatchNorm(net, 72);
        CompressionState state = CompressionState.of(net, 42);
        ChannelPruning pruning = ChannelPruning.ratio(0.5).layers("a_2a", "b_2a", "b_2b");
        ComputationGraph plain = (ComputationGraph) pruning.apply(state).toNetwork();
        ComputationGraph folded = (ComputationGraph) pruning.foldBatchNorm(true).apply(state).toNetwork();
        assertEquals(8, batchNormLayers(plain.getLayers()).size(), "off by default");
        assertEquals(List.of(), batchNormLayers(folded.getLayers()));
        assertTrue(pruning.foldBatchNorm(true).describe().contains("folded batch norm"));
        assertFalse(pruning.describe().contains("folded"));
        assertNotEquals(plain.numParams(), folded.numParams());
        assertEquals(ConvolutionLayer.class, folded.getLayer("b_2c").conf().getLayer().getClass(), "stock layers only");
        Nd4j.getRandom().setSeed(73);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 12, 12);
        assertRelativelyClose(plain.outputSingle(x), folded.outputSingle(x), "pruned, then folded");
    }
}
