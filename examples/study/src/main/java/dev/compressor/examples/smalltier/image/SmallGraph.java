package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The building vocabulary of the small networks over a DL4J graph builder: convolutions with or
 * without batch normalisation, pooling, depthwise convolution, concatenation, residual addition,
 * and the classifier head. Every method returns the name of the vertex it added last.
 *
 * <p>Not thread-safe (wraps a mutable builder); one instance per configuration.
 */
final class SmallGraph {

    /** Name of the graph's single input (NCHW images). */
    static final String INPUT = "input";
    /** Name of the softmax output layer. */
    static final String OUTPUT = "output";

    private final GraphBuilder graph;

    private SmallGraph(GraphBuilder graph) {
        this.graph = graph;
    }

    /**
     * Starts a graph: seeded He initialisation, float32, Adam, Same padding, one
     * {@code side x side x channels} image input.
     */
    static SmallGraph start(long seed, double learningRate, int side, int channels) {
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .activation(Activation.IDENTITY)
                .updater(new Adam(learningRate))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(side, side, channels));
        return new SmallGraph(g);
    }

    GraphBuilder builder() {
        return graph;
    }

    /** A k_h x k_w convolution with bias and ReLU (no batch norm, as in Inception-v1 and VGG). */
    String convRelu(String name, String in, int nOut, int kh, int kw, int stride) {
        graph.addLayer(name, new ConvolutionLayer.Builder(kh, kw).stride(stride, stride).nOut(nOut)
                .hasBias(true).activation(Activation.RELU).build(), in);
        return name;
    }

    /** A convolution without bias, batch norm, ReLU: {@code name}, {@code name_bn}, {@code name_relu}. */
    String convBnRelu(String name, String in, int nOut, int kh, int kw, int stride) {
        graph.addLayer(name, new ConvolutionLayer.Builder(kh, kw).stride(stride, stride).nOut(nOut)
                .hasBias(false).build(), in);
        return bnRelu(name, name, true);
    }

    /** Like {@link #convBnRelu} but without the ReLU (the last convolution of a residual branch). */
    String convBn(String name, String in, int nOut, int kh, int kw, int stride) {
        graph.addLayer(name, new ConvolutionLayer.Builder(kh, kw).stride(stride, stride).nOut(nOut)
                .hasBias(false).build(), in);
        return bnRelu(name, name, false);
    }

    /** A 3x3 depthwise convolution (multiplier 1) without bias, batch norm, ReLU. */
    String depthwiseBnRelu(String name, String in, int stride) {
        graph.addLayer(name, new DepthwiseConvolution2D.Builder(3, 3).stride(stride, stride)
                .depthMultiplier(1).hasBias(false).build(), in);
        return bnRelu(name, name, true);
    }

    private String bnRelu(String name, String in, boolean relu) {
        graph.addLayer(name + "_bn", new BatchNormalization.Builder().eps(1e-3).build(), in);
        if (!relu) {
            return name + "_bn";
        }
        graph.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
    }

    /** A max pooling. */
    String maxPool(String name, String in, int kernel, int stride) {
        return pool(name, in, PoolingType.MAX, kernel, stride);
    }

    /** An average pooling (padding not counted). */
    String avgPool(String name, String in, int kernel, int stride) {
        return pool(name, in, PoolingType.AVG, kernel, stride);
    }

    private String pool(String name, String in, PoolingType type, int kernel, int stride) {
        graph.addLayer(name, new SubsamplingLayer.Builder(type).kernelSize(kernel, kernel).stride(stride, stride)
                .avgPoolIncludePadInDivisor(false).build(), in);
        return name;
    }

    /** A channel concatenation of the branches. */
    String concat(String name, String... branches) {
        graph.addVertex(name, new MergeVertex(), branches);
        return name;
    }

    /** A residual addition followed by ReLU ({@code name}, {@code name_relu}). */
    String addRelu(String name, String a, String b) {
        graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
        graph.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name);
        return name + "_relu";
    }

    /** A fully connected ReLU layer, with dropout on its input when {@code dropout > 0}. */
    String denseRelu(String name, String in, int nOut, double dropout) {
        DenseLayer.Builder b = new DenseLayer.Builder().nOut(nOut).activation(Activation.RELU);
        if (dropout > 0) {
            b.dropOut(1 - dropout);
        }
        graph.addLayer(name, b.build(), in);
        return name;
    }

    /** Global average pooling, then the softmax classifier named {@link #OUTPUT}; finishes the graph. */
    void globalPoolClassifier(String in, int classes) {
        graph.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        classifier("gap", classes);
    }

    /** The softmax classifier named {@link #OUTPUT} on a flat input; finishes the graph. */
    void classifier(String in, int classes) {
        graph.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), in);
        graph.setOutputs(OUTPUT);
    }
}
