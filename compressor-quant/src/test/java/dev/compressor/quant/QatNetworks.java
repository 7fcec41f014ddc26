package dev.compressor.quant;

import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny seeded networks, one per weight-bearing layer kind, as MultiLayerNetwork or ComputationGraph. */
final class QatNetworks {

    /** The layer kinds quantization-aware training must handle. */
    enum Kind { DENSE, CONV, DEPTHWISE, SEPARABLE, LSTM }

    private QatNetworks() {
    }

    /** A network with one hidden layer of the kind and an output layer, initialised with a fixed seed. */
    static Model build(Kind kind, boolean graph) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder().seed(11)
                .weightInit(WeightInit.XAVIER).updater(new Adam(1e-2));
        Layer hidden = hidden(kind);
        Layer out = kind == Kind.LSTM
                ? new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build()
                : new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build();
        if (graph) {
            ComputationGraphConfiguration conf = base.graphBuilder().addInputs("in")
                    .addLayer("hidden", hidden, "in").addLayer("out", out, "hidden").setOutputs("out")
                    .setInputTypes(inputType(kind)).build();
            ComputationGraph cg = new ComputationGraph(conf);
            cg.init();
            return cg;
        }
        MultiLayerNetwork mln = new MultiLayerNetwork(base.list().layer(hidden).layer(out)
                .setInputType(inputType(kind)).build());
        mln.init();
        return mln;
    }

    private static Layer hidden(Kind kind) {
        return switch (kind) {
            case DENSE -> new DenseLayer.Builder().name("hidden").nOut(16).activation(Activation.RELU).build();
            case CONV -> new ConvolutionLayer.Builder(3, 3).name("hidden").nOut(6).activation(Activation.RELU).build();
            case DEPTHWISE -> new DepthwiseConvolution2D.Builder(3, 3).name("hidden").depthMultiplier(3)
                    .activation(Activation.RELU).build();
            case SEPARABLE -> new SeparableConvolution2D.Builder(3, 3).name("hidden").nOut(6).depthMultiplier(2)
                    .activation(Activation.RELU).build();
            case LSTM -> new LSTM.Builder().name("hidden").nOut(8).activation(Activation.TANH).build();
        };
    }

    private static InputType inputType(Kind kind) {
        return switch (kind) {
            case DENSE -> InputType.feedForward(12);
            case CONV, DEPTHWISE, SEPARABLE -> InputType.convolutional(6, 6, 2);
            case LSTM -> InputType.recurrent(3, 5);
        };
    }

    /** Seeded inputs with labels that depend on them (so there is something to learn). */
    static DataSet data(Kind kind, int n, long seed) {
        Random r = new Random(seed);
        long[] shape = switch (kind) {
            case DENSE -> new long[] {n, 12};
            case CONV, DEPTHWISE, SEPARABLE -> new long[] {n, 2, 6, 6};
            case LSTM -> new long[] {n, 3, 5};
        };
        float[] v = new float[(int) (shape[0] * shape[1] * (shape.length > 2 ? shape[2] : 1)
                * (shape.length > 3 ? shape[3] : 1))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        INDArray x = Nd4j.create(v, shape, 'c');
        INDArray y;
        if (kind == Kind.LSTM) {
            y = Nd4j.zeros(DataType.FLOAT, n, 3, 5);
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < 5; t++) {
                    y.putScalar(new long[] {i, cls(x.getFloat(i, 0, t), x.getFloat(i, 1, t)), t}, 1f);
                }
            }
        } else {
            INDArray flat = x.reshape(n, x.length() / n);
            y = Nd4j.zeros(DataType.FLOAT, n, 3);
            for (int i = 0; i < n; i++) {
                y.putScalar(i, cls(flat.getFloat(i, 0) + flat.getFloat(i, 3), flat.getFloat(i, 7)), 1f);
            }
        }
        return new DataSet(x, y);
    }

    private static int cls(float a, float b) {
        return a > 0.5f ? 0 : b > 0 ? 1 : 2;
    }

    /** The network's output on a batch. */
    static INDArray output(Model net, INDArray x) {
        return net instanceof MultiLayerNetwork m ? m.output(x) : ((ComputationGraph) net).outputSingle(x);
    }

    /** One training step. */
    static void fit(Model net, DataSet d) {
        if (net instanceof MultiLayerNetwork m) {
            m.fit(d);
        } else {
            ((ComputationGraph) net).fit(d);
        }
    }

    /** The network's score (loss) on a batch. */
    static double score(Model net, DataSet d) {
        return net instanceof MultiLayerNetwork m ? m.score(d) : ((ComputationGraph) net).score(d);
    }
}
