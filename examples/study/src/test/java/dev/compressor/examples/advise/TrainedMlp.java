package dev.compressor.examples.advise;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.io.IOException;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A small MLP (784-96-48-10) trained for two epochs on 3,000 real Fashion-MNIST images; seeded. */
final class TrainedMlp {

    private TrainedMlp() {
    }

    static MultiLayerNetwork train() throws IOException {
        ImageSplit train = FashionMnistData.fromClasspath().train().first(3000);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .updater(new Adam(2e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(96).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(96).nOut(48).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(48).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int from = 0; from < train.size(); from += 100) {
                int[] idx = IntStream.range(from, from + 100).toArray();
                net.fit(train.images(idx).reshape('c', 100, 784), train.oneHot(idx));
            }
        }
        return net;
    }
}
