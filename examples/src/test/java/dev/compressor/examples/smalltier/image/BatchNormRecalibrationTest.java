package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
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
    void wavesFollowTheBatchNormDepthAndANetworkWithoutBatchNormIsLeftAlone() throws Exception {
        List<List<String>> waves = BatchNormRecalibration.waves(SmallNetwork.RESNET11.network(1).getConfiguration());
        assertEquals(List.of("conv1_bn"), waves.get(0));
        assertTrue(waves.get(1).contains("res2a_branch2a_bn") && waves.get(1).contains("res2a_branch1_bn"), waves.toString());
        assertEquals(13, waves.stream().mapToInt(List::size).sum());

        ComputationGraph vgg = SmallNetwork.VGG8.network(1);
        INDArray params = vgg.params().dup();
        assertEquals(0, BatchNormRecalibration.recalibrate(vgg, FashionMnistData.fromClasspath().train().first(10)));
        assertEquals(params, vgg.params());
    }

    @Test
    void refusesAnEmptyImageSet() {
        ImageSplit none = new ImageSplit(new float[0], new int[0], 28, 28, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormRecalibration.recalibrate(SmallNetwork.RESNET11.network(1), none));
        assertTrue(e.getMessage().contains("no images"), e.getMessage());
    }
}
