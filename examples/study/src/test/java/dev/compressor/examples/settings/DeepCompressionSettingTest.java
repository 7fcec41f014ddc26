package dev.compressor.examples.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.prune.Pruning;
import dev.compressor.quant.Quantization;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The generic deep_compression setting stores masks and indices entropy-coded, smaller and exact. */
class DeepCompressionSettingTest {

    @Test
    void entropyCodedStorageIsSmallerThanPlainSparseCodebooksAndDecodesTheSameValues() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        CompressionResult coded = Setting.DEEP_COMPRESSION.compressor().compress(net, 42);
        CompressionResult plain = Pruning.magnitude(0.90).then(Quantization.kmeans(5).build()).compress(net, 42);
        byte[] codedBytes = coded.artifact().toBytes(OuterCompression.NONE);
        byte[] plainBytes = plain.artifact().toBytes(OuterCompression.NONE);
        assertTrue(codedBytes.length < plainBytes.length, codedBytes.length + " vs " + plainBytes.length);
        Set<String> encodings = coded.artifact().tensors().stream().map(t -> t.encodingId()).collect(Collectors.toSet());
        assertTrue(encodings.contains("sparse-mask-rans"), encodings.toString());
        assertArrayEquals(plain.artifact().decodeParameters(),
                CompressedModel.fromBytes(codedBytes, ReadLimits.DEFAULT).decodeParameters(),
                "entropy coding changes the bytes, not the values");
    }
}
