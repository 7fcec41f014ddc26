package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchNormRecalibrationTest {

    @Test
    void inferenceOnTheCalibrationImagesReproducesTrainingModeOutput() throws Exception {
        ImageSplit images = FashionMnistData.fromClasspath().train().first(120);
        ComputationGraph net = SmallNetwork.RESNET11.network(3);
        INDArray x = images.images(0, images.size());
        INDArray batchStats = net.output(true, x)[0];
        double before = net.output(false, x)[0].sub(batchStats).amaxNumber().doubleValue();

        int layers = BatchNormRecalibration.recalibrate(net, images);

        double after = net.output(false, x)[0].sub(batchStats).amaxNumber().doubleValue();
        assertEquals(13, layers, "resnet11: stem, 3 per block and 3 projections");
        assertTrue(before > 1e-2, "untrained running statistics differ from the batch's: " + before);
        assertTrue(after < 1e-3, "inference after recalibration vs training mode: " + after);
    }

    @Test
    void everyBatchNormLayerInTopologicalOrderAndANetworkWithoutBatchNormIsLeftAlone() throws Exception {
        List<String> layers = BatchNormRecalibration.batchNormLayers(SmallNetwork.RESNET11.network(1).getConfiguration());
        assertEquals("conv1_bn", layers.get(0));
        assertTrue(layers.indexOf("res2a_branch2a_bn") < layers.indexOf("res2a_branch2b_bn"), layers.toString());
        assertEquals(13, layers.size());

        ComputationGraph vgg = SmallNetwork.VGG8.network(1);
        INDArray params = vgg.params().dup();
        assertEquals(0, BatchNormRecalibration.recalibrate(vgg, FashionMnistData.fromClasspath().train().first(10)));
        assertEquals(params, vgg.params());
    }

    @Test
    void dropoutIsOffDuringThePassAndRestoredAfterIt() throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(28, 28, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).dropOut(0.5).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addLayer("out", new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX).build(), "bn")
                .setOutputs("out").build();
        ImageSplit images = FashionMnistData.fromClasspath().train().first(50);
        ComputationGraph a = new ComputationGraph(conf);
        a.init();
        ComputationGraph b = a.clone();

        BatchNormRecalibration.recalibrate(a, images);
        BatchNormRecalibration.recalibrate(b, images);

        assertEquals(a.params(), b.params(), "random dropout masks would give different statistics");
        assertEquals(0.5, ((Dropout) a.getLayer("conv").conf().getLayer().getIDropout()).getP(), 0.0);
        INDArray mean = a.getLayer("bn").getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        assertTrue(mean.amaxNumber().doubleValue() > 0, "statistics were stored: " + mean);
    }

    @Test
    void refusesAnEmptyImageSet() {
        ImageSplit none = new ImageSplit(new float[0], new int[0], 28, 28, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormRecalibration.recalibrate(SmallNetwork.RESNET11.network(1), none));
        assertTrue(e.getMessage().contains("no images"), e.getMessage());
    }
}
