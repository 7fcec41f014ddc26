package dev.compressor.examples;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The network and inputs every teaching example runs on, so that each example shows only its own
 * idea. In your application, use your own trained network instead: every example works on any
 * initialised FLOAT {@code MultiLayerNetwork} or {@code ComputationGraph}.
 */
public final class ExampleNetworks {

    private ExampleNetworks() {
    }

    /**
     * A small image classifier (28x28 grey images, 10 classes, about 120,000 parameters): a 5x5
     * convolution with batch norm, max pooling, a 3x3 and a 1x1 convolution, a dense layer and a
     * softmax output. Its weights are random (seeded), not trained.
     *
     * @param seed the weight seed; the same seed gives the same network
     * @return the initialised network
     */
    public static MultiLayerNetwork smallCnn(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Seeded random images in [0, 1), shaped for {@link #smallCnn(long)}.
     *
     * @param count how many images, at least 1
     * @param seed the seed; the same seed gives the same images
     * @return a FLOAT array of shape [count, 1, 28, 28]
     */
    public static INDArray images(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] pixels = new float[count * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return Nd4j.create(pixels, new long[] {count, 1, 28, 28}, DataType.FLOAT);
    }

    /**
     * The share of inputs on which two networks' outputs pick the same class (top-1 agreement).
     *
     * @param a one network's outputs, [n, classes]
     * @param b the other's, the same shape
     * @return the agreement in [0, 1]
     */
    public static double top1Agreement(INDArray a, INDArray b) {
        INDArray ia = a.argMax(1);
        INDArray ib = b.argMax(1);
        return ia.eq(ib).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
}
