package com.example.app;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.CompressedModel;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** What a user's application does: compress a network, write it, restore it. */
public final class App {

    private App() {
    }

    /** Compresses a small network to fp16, writes it and restores it. */
    public static MultiLayerNetwork roundTrip(MultiLayerNetwork net, Path file) throws Exception {
        CompressionResult result = Compressors.fp16().compress(net);
        result.artifact().write(file);
        System.out.print(result.report().toTable());
        return CompressedModel.read(file).restoreMultiLayerNetwork();
    }

    /** A small dense network. */
    public static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }
}
