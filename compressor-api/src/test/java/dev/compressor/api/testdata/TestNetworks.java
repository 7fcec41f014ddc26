package dev.compressor.api.testdata;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small real DL4J networks for tests, shared with other modules through the test-jar. */
public final class TestNetworks {

    private TestNetworks() {
    }

    /**
     * A small convolutional MultiLayerNetwork (conv, batch-norm, dense, output) on 1x12x12 inputs.
     *
     * @param seed weight-init seed
     * @return the initialised network
     */
    public static MultiLayerNetwork smallMln(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).name("conv").build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new DenseLayer.Builder().nOut(20).activation(Activation.TANH).name("fc").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5)
                        .activation(Activation.SOFTMAX).name("out").build())
                .setInputType(InputType.convolutional(12, 12, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Inputs for {@link #smallMln(long)}.
     *
     * @param batch batch size
     * @param seed seed
     * @return an array of shape [batch, 1, 12, 12]
     */
    public static INDArray smallMlnInput(int batch, long seed) {
        return Nd4j.rand(DataType.FLOAT, batch, 1, 12, 12).castTo(DataType.FLOAT).addi(seed % 7 * 0.01);
    }

    /**
     * A small ComputationGraph with a residual add and a merge (concatenation) on 1x10x10 inputs.
     *
     * @param seed weight-init seed
     * @return the initialised graph
     */
    public static ComputationGraph residualGraph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(10, 10, 1))
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(
                        org.deeplearning4j.nn.conf.ConvolutionMode.Same).activation(Activation.RELU).build(), "in")
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(
                        org.deeplearning4j.nn.conf.ConvolutionMode.Same).activation(Activation.RELU).build(), "stem")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "stem", "a")
                .addLayer("b", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.RELU).build(), "add")
                .addVertex("merge", new MergeVertex(), "add", "b")
                .addLayer("bn", new BatchNormalization.Builder().build(), "merge")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        return cg;
    }
}
