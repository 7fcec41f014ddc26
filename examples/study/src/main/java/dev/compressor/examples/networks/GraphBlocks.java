package dev.compressor.examples.networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Small vocabulary of layer groups shared by the study's convolutional network builders: each method
 * adds named layers to a {@link GraphBuilder} and returns the name of the group's output vertex.
 *
 * <p>Not thread-safe (wraps a mutable builder); use one instance per configuration being built.
 */
final class GraphBlocks {

    /** Epsilon of every batch-normalisation layer (TensorFlow's 0.001, as in Keras and TF-slim). */
    static final double BN_EPS = 1e-3;

    private final GraphBuilder graph;

    GraphBlocks(GraphBuilder graph) {
        this.graph = graph;
    }

    /**
     * Returns a graph builder with the study-wide defaults: the seed, float32, He (ReLU) weight
     * initialisation, {@link ConvolutionMode#Same} unless a layer says otherwise.
     */
    static GraphBuilder baseGraph(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .activation(Activation.IDENTITY)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder();
    }

    /** Builds and initialises (allocates and seeds the weights of) a network from a configuration. */
    static ComputationGraph initialise(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** The wrapped builder, for layers this vocabulary does not cover. */
    GraphBuilder graph() {
        return graph;
    }

    /**
     * Adds one convolution; {@code mode} Same pads to keep {@code ceil(in / stride)}, Truncate is
     * "valid" (no padding).
     */
    String conv(String name, String input, int nOut, int kh, int kw, int stride, ConvolutionMode mode,
                boolean bias, Activation activation) {
        graph.addLayer(name, new ConvolutionLayer.Builder(kh, kw)
                .stride(stride, stride)
                .nOut(nOut)
                .convolutionMode(mode)
                .hasBias(bias)
                .activation(activation)
                .build(), input);
        return name;
    }

    /** Adds a batch-normalisation layer (gamma, beta, running mean and variance per channel). */
    String batchNorm(String name, String input) {
        graph.addLayer(name, new BatchNormalization.Builder().eps(BN_EPS).build(), input);
        return name;
    }

    /** Adds a parameter-free activation layer. */
    String activation(String name, String input, Activation activation) {
        graph.addLayer(name, new ActivationLayer.Builder().activation(activation).build(), input);
        return name;
    }

    /**
     * Adds the group conv (no bias) → batch norm → ReLU named {@code name}, {@code name_bn},
     * {@code name_relu}; returns {@code name_relu}.
     */
    String convBnRelu(String name, String input, int nOut, int kh, int kw, int stride, ConvolutionMode mode) {
        conv(name, input, nOut, kh, kw, stride, mode, false, Activation.IDENTITY);
        batchNorm(name + "_bn", name);
        return activation(name + "_relu", name + "_bn", Activation.RELU);
    }

    /** Adds a max-pooling layer. */
    String maxPool(String name, String input, int kernel, int stride, ConvolutionMode mode) {
        return pool(name, input, PoolingType.MAX, kernel, stride, mode);
    }

    /** Adds an average-pooling layer; padded cells are not counted in the divisor. */
    String avgPool(String name, String input, int kernel, int stride, ConvolutionMode mode) {
        return pool(name, input, PoolingType.AVG, kernel, stride, mode);
    }

    private String pool(String name, String input, PoolingType type, int kernel, int stride, ConvolutionMode mode) {
        graph.addLayer(name, new SubsamplingLayer.Builder(type)
                .kernelSize(kernel, kernel)
                .stride(stride, stride)
                .convolutionMode(mode)
                .avgPoolIncludePadInDivisor(false)
                .build(), input);
        return name;
    }

    /** Adds a global average pooling layer (CNN activations in, one vector per example out). */
    String globalAvgPool(String name, String input) {
        graph.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), input);
        return name;
    }

    /** Concatenates inputs along the channel axis. */
    String concat(String name, String... inputs) {
        graph.addVertex(name, new MergeVertex(), inputs);
        return name;
    }

    /** Adds inputs element-wise (residual connection). */
    String add(String name, String... inputs) {
        graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), inputs);
        return name;
    }

    /**
     * Adds the 1000-way softmax classifier (fully connected, with bias, cross-entropy loss), with
     * dropout on its input at the given drop probability (0 for none), and marks it as the output.
     */
    String classifier(String name, String input, int classes, double dropProbability) {
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunction.MCXENT)
                .nOut(classes)
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER);
        if (dropProbability > 0) {
            out.dropOut(1.0 - dropProbability); // DL4J takes the retain probability
        }
        graph.addLayer(name, out.build(), input);
        graph.setOutputs(name);
        return name;
    }
}
