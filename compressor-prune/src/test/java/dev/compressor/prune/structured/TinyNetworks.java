package dev.compressor.prune.structured;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small hand-checkable networks with the structures structured pruning must handle. */
final class TinyNetworks {

    private TinyNetworks() {
    }

    /** conv(2->4, 3x3) -> BN -> ReLU -> max pool 2 -> dense(64->5 via NCHW flatten) -> output(5->3). */
    static MultiLayerNetwork convChain(int convOut, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(convOut).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * A residual block and a concatenation: c1(4) -> b1 -> a1; c2(4) -> b2; add(b2, a1) -> relu;
     * c3(4) and c4(6) on it, merged (10) -> c5(6) -> global average pool -> dense d(8) -> output(3).
     */
    static ComputationGraph residualConcat(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed)
                .weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("c1", conv(4, 3), "in")
                .addLayer("b1", new BatchNormalization.Builder().build(), "c1")
                .addLayer("a1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "b1")
                .addLayer("c2", conv(4, 3), "a1")
                .addLayer("b2", new BatchNormalization.Builder().build(), "c2")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "b2", "a1")
                .addLayer("r", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("c3", conv(4, 1), "r")
                .addLayer("c4", conv(6, 1), "r")
                .addVertex("m", new MergeVertex(), "c3", "c4")
                .addLayer("c5", conv(6, 3), "m")
                .addLayer("p", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "c5")
                .addLayer("d", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "p")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "d")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** conv -> LRN -> conv -> global pool -> output: the first conv's channels are mixed by LRN. */
    static ComputationGraph withLrn() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("c1", conv(4, 3), "in")
                .addLayer("lrn", new LocalResponseNormalization.Builder().build(), "c1")
                .addLayer("c2", conv(4, 3), "lrn")
                .addLayer("p", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "c2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "p")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static ConvolutionLayer conv(int out, int k) {
        return new ConvolutionLayer.Builder(k, k).nOut(out).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU).build();
    }
}
