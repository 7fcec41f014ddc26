package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.api.artifact.OuterCompression;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ResidentNetworksTest {

    static MultiLayerNetwork mlp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().name("fc1").nIn(784).nOut(300).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("fc2").nIn(300).nOut(100).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(100).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork cnn() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(8).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DepthwiseConvolution2D.Builder(3, 3).name("dw").depthMultiplier(2)
                        .activation(Activation.RELU).build())
                .layer(new SeparableConvolution2D.Builder(3, 3).name("sep").nOut(12).depthMultiplier(1)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ComputationGraph residualGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5)
                .weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(8).padding(1, 1)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(8).padding(1, 1)
                        .activation(Activation.IDENTITY).build(), "stem")
                .addLayer("a_bn", new BatchNormalization.Builder().build(), "a")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a_bn", "stem")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(12, 12, 3))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static INDArray output(Model m, INDArray x) {
        return m instanceof MultiLayerNetwork n ? n.output(x) : ((ComputationGraph) m).outputSingle(x);
    }

    private static void assertSameOutputs(Model expected, Model actual, INDArray x) {
        INDArray a = output(expected, x);
        INDArray b = output(actual, x);
        double diff = a.sub(b).norm2Number().doubleValue() / Math.max(1e-12, a.norm2Number().doubleValue());
        assertTrue(diff < 1e-5, "relative output difference " + diff);
    }

    private static CompressedModel roundTrip(CompressionResult r) throws Exception {
        return CompressedModel.fromBytes(r.artifact().toBytes(OuterCompression.NONE), ReadLimits.DEFAULT);
    }

    private static void check(Model net, Compressor c, INDArray x, int tile) throws Exception {
        check(net, c, x, tile, false);
    }

    private static void check(Model net, Compressor c, INDArray x, int tile, boolean smaller) throws Exception {
        CompressionResult r = c.compress(net);
        CompressedModel artifact = roundTrip(r);
        Model loaded = artifact.restore(RuntimeMode.DEQUANTIZE_AT_LOAD);
        Model resident = ResidentNetworks.restore(artifact, tile);
        assertSameOutputs(loaded, resident, x);
        assertSameOutputs(loaded, resident, x); // twice: scratch reuse leaves nothing behind
        ResidentNetworks.ResidentMemory full = ResidentNetworks.memory(loaded);
        ResidentNetworks.ResidentMemory small = ResidentNetworks.memory(resident);
        assertEquals(0, full.encodedBytes());
        assertEquals(4L * net.numParams(), full.denseBytes());
        assertTrue(small.encodedBytes() > 0);
        if (smaller) {
            assertTrue(small.totalBytes() < full.totalBytes(), "resident " + small + " vs " + full);
        }
        System.out.printf("%s %s: resident %d B (encoded %d, scratch %d, dense %d) vs fp32 %d B%n",
                net.getClass().getSimpleName(), c.describe(), small.totalBytes(), small.encodedBytes(),
                small.scratchBytes(), small.denseBytes(), full.totalBytes());
    }

    @Test
    void denseNetworkMatchesDequantizeAtLoadWholeAndTiled() throws Exception {
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 784);
        check(mlp(), Quantization.int8PerChannel(), x, ResidentNetworks.DEFAULT_TILE_ELEMENTS);
        check(mlp(), Quantization.int8PerChannel(), x, 7000, true); // fc1 in tiles of 8 columns, fc2 in 23
        check(mlp(), Quantization.int8PerChannel(), x, 500, true); // the output layer in tiles of 5 columns too
        check(mlp(), Quantization.linear(4).perTensor().asymmetric().build(), x, 7000, true);
        check(mlp(), Quantization.kmeans(5).build(), x, 5000, true);
        check(mlp(), Quantization.fp16Weights(), x, 5000, true);
        INDArray one = Nd4j.rand(DataType.FLOAT, 1, 784); // batch 1: the fused product from the codes
        INDArray many = Nd4j.rand(DataType.FLOAT, 40, 784); // beyond FusedProduct.MAX_BATCH: expanded tiles
        for (Compressor c : java.util.List.of(Quantization.int8PerChannel(), Quantization.linear(4).build(),
                Quantization.linear(3).perTensor().asymmetric().build())) {
            check(mlp(), c, one, ResidentNetworks.DEFAULT_TILE_ELEMENTS);
            check(mlp(), c, many, ResidentNetworks.DEFAULT_TILE_ELEMENTS);
            check(mlp(), c, many, 7000, true);
        }
    }

    @Test
    void tilingHoldsMemoryToOneTile() throws Exception {
        CompressedModel artifact = roundTrip(Quantization.int8PerChannel().compress(mlp()));
        long whole = ResidentNetworks.memory(ResidentNetworks.restore(artifact, 0)).scratchBytes();
        long tiled = ResidentNetworks.memory(ResidentNetworks.restore(artifact, 7000)).scratchBytes();
        long staging = 4L * 16384;
        assertEquals(4L * (784 * 300 + 300) + staging, whole, "whole-layer scratch holds fc1 (W and b)");
        assertEquals(4L * 300 * 23 + staging, tiled, "tiled scratch holds the largest tile: 23 columns of fc2");
    }

    @Test
    void convolutionalNetworkMatches() throws Exception {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        check(cnn(), Quantization.int8PerChannel(), x, ResidentNetworks.DEFAULT_TILE_ELEMENTS);
        check(cnn(), Quantization.kmeans(4).build(), x, 1000);
        // convolutions larger than the tile run in groups of output channels (conv: 3 + 3 + 2 channels)
        check(cnn(), Quantization.int8PerChannel(), x, 30);
        check(cnn(), Quantization.linear(4).build(), x, 30);
        check(cnn(), Quantization.int8PerChannel(), x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), 30);
        // an encoding without range decoding (entropy-coded codebooks) is expanded whole, not in groups
        check(cnn(), Quantization.kmeans(4).build().then(new EntropyCodedCodebooks()), x, 30);
    }

    @Test
    void recurrentNetworkMatches() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(8).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer.Builder().nIn(50).nOut(16)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(16).nOut(24)
                        .activation(Activation.TANH).build())
                .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(24).nOut(50).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray tokens = Nd4j.createFromArray(new float[][] {{1, 7, 3, 49, 0, 12, 5}, {2, 2, 8, 30, 41, 6, 9}});
        INDArray one = tokens.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1));
        for (Compressor c : java.util.List.of(Quantization.int8PerChannel(), Quantization.linear(4).build())) {
            check(net, c, tokens, ResidentNetworks.DEFAULT_TILE_ELEMENTS); // LSTM resident, output fused (14 rows: tiles)
            check(net, c, one, ResidentNetworks.DEFAULT_TILE_ELEMENTS); // 7 rows: fused with the Vector API
            check(net, c, one.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)), ResidentNetworks.DEFAULT_TILE_ELEMENTS); // 2: fused
            check(net, c, tokens, 300); // the output layer in tiles of 12 columns
        }
        Model resident = ResidentNetworks.restore(roundTrip(Quantization.int8PerChannel().compress(net)));
        assertTrue(java.util.Arrays.stream(((MultiLayerNetwork) resident).getLayers())
                .allMatch(l -> l.getClass().getSimpleName().equals("ResidentLayer")), "every layer resident");
        // the embedding is looked up from its codes: the scratch holds the LSTM (4 x 24 x (16 + 24 + 1)), not the table
        assertEquals(4L * 4 * 24 * (16 + 24 + 1) + 4L * 16384, ResidentNetworks.memory(resident).scratchBytes());
        INDArray bad = Nd4j.createFromArray(new float[][] {{1, 50}});
        Exception e = assertThrows(Exception.class, () -> ((MultiLayerNetwork) resident).output(bad));
        assertTrue(String.valueOf(e.getMessage()).contains("token id 50.0 is not an integer in [0, 50)"), e.getMessage());
    }

    @Test
    void theDefaultRestoreUsesTheNetworksOwnBudget() throws Exception {
        CompressedModel artifact = roundTrip(Quantization.int8PerChannel().compress(mlp()));
        // 266,610 parameters / 40 = 6,665, below the 64K floor
        assertEquals(65536, dev.compressor.quant.internal.ResidentAssembler.defaultBudget(artifact));
        long viaApi = ResidentNetworks.memory(artifact.restore(RuntimeMode.RESIDENT_QUANTIZED)).scratchBytes();
        assertEquals(ResidentNetworks.memory(ResidentNetworks.restore(artifact, 65536)).scratchBytes(), viaApi);
        assertEquals(viaApi, ResidentNetworks.memory(ResidentNetworks.restore(artifact)).scratchBytes());
    }

    @Test
    void convolutionGroupsHoldTheScratchToOneGroup() throws Exception {
        CompressedModel artifact = roundTrip(Quantization.int8PerChannel().compress(residualGraph()));
        long whole = ResidentNetworks.memory(ResidentNetworks.restore(artifact, 0)).scratchBytes();
        long grouped = ResidentNetworks.memory(ResidentNetworks.restore(artifact, 300)).scratchBytes();
        long staging = 4L * 16384;
        // the largest layer is a 3x3 convolution 8 -> 8 with bias: 8 x 73 parameters; groups of 4 channels
        assertEquals(4L * 8 * 73 + staging, whole, "whole layers");
        assertEquals(4L * 4 * 73 + staging, grouped, "one group of 4 output channels");
        check(residualGraph(), Quantization.int8PerChannel(), Nd4j.rand(DataType.FLOAT, 2, 3, 12, 12), 300);
    }

    @Test
    void embeddingConv1dAndDeconvolutionLayersMatch() throws Exception {
        MultiLayerConfiguration emb = new NeuralNetConfiguration.Builder().seed(6).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new EmbeddingLayer.Builder().nIn(50).nOut(16).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork e = new MultiLayerNetwork(emb);
        e.init();
        check(e, Quantization.int8PerChannel(), Nd4j.createFromArray(new float[][] {{3}, {49}, {0}}), 0);
        MultiLayerConfiguration conv = new NeuralNetConfiguration.Builder().seed(7).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new Convolution1DLayer.Builder(3).nOut(6).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(5, 12))
                .build();
        MultiLayerNetwork c = new MultiLayerNetwork(conv);
        c.init();
        check(c, Quantization.linear(6).build(), Nd4j.rand(DataType.FLOAT, 2, 5, 12), 0);
        MultiLayerConfiguration deconv = new NeuralNetConfiguration.Builder().seed(8).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(4).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(5, 5, 2))
                .build();
        MultiLayerNetwork d = new MultiLayerNetwork(deconv);
        d.init();
        check(d, Quantization.kmeans(3).build(), Nd4j.rand(DataType.FLOAT, 2, 2, 5, 5), 0);
    }

    @Test
    void computationGraphMatches() throws Exception {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 12, 12);
        check(residualGraph(), Quantization.int8PerChannel(), x, ResidentNetworks.DEFAULT_TILE_ELEMENTS);
    }

    @Test
    void restoreThroughTheApiFindsThisRuntime() throws Exception {
        CompressedModel artifact = roundTrip(Quantization.int8PerChannel().compress(mlp()));
        Model resident = artifact.restore(RuntimeMode.RESIDENT_QUANTIZED);
        assertInstanceOf(MultiLayerNetwork.class, resident);
        assertTrue(ResidentNetworks.memory(resident).encodedBytes() > 0);
    }

    @Test
    void residentNetworksAreForInferenceOnly() throws Exception {
        CompressedModel artifact = roundTrip(Quantization.int8PerChannel().compress(mlp()));
        MultiLayerNetwork resident = (MultiLayerNetwork) ResidentNetworks.restore(artifact);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 784);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> resident.output(x, true));
        assertTrue(e.getMessage().contains("inference only"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResidentNetworks.restore(artifact, -1));
    }
}
