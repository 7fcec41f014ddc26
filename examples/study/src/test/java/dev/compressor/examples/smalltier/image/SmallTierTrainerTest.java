package dev.compressor.examples.smalltier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.api.testdata.Tickers;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import dev.compressor.prune.structured.DirectPointwiseConvolution;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Trains the smallest network for a few iterations on real Fashion-MNIST (seconds, not minutes). */
class SmallTierTrainerTest {

    private static ImageSplit train;
    private static ImageSplit test;

    @BeforeAll
    static void data() throws IOException {
        FashionMnistData d = FashionMnistData.fromClasspath();
        train = d.train().first(640);
        test = d.test().first(200);
    }

    @Test
    void learnsWellAboveChanceAndReportsTheInjectedClock() {
        AtomicLong now = new AtomicLong();
        List<String> log = new ArrayList<>();
        AtomicLong cpu = new AtomicLong();
        SmallTierTrainer trainer = new SmallTierTrainer(Tickers.of(() -> now.addAndGet(1_000_000_000L)),
                Tickers.of(() -> cpu.addAndGet(3_000_000_000L)), log::add);
        TrainedNetwork t = trainer.train(SmallNetwork.VGG8, train, test, new TrainingOptions(1, 64, 42, 2e-3));
        assertTrue(t.test().top1() > 0.3, "top-1 " + t.test().top1() + " after 10 iterations (chance is 0.1)");
        assertTrue(t.test().top5() >= t.test().top1());
        assertEquals(200, t.test().examples());
        assertEquals(640, t.trainExamples());
        // clock read at the start, once per epoch summary and at the end: 1 s per read
        assertEquals(2.0, t.trainSeconds(), 1e-9);
        assertEquals(3.0, t.trainCpuSeconds(), 1e-9, "CPU clock read at the start and the end");
        String params = String.format(java.util.Locale.ROOT, "vgg8: %,d parameters", SmallNetwork.VGG8.network(42).numParams());
        assertTrue(log.get(0).startsWith(params), log.get(0));
        String json = SmallTierTrainCommand.record(t, "classpath subset");
        assertTrue(json.contains("\"network\":\"vgg8\""), json);
        assertTrue(json.contains("\"dataSource\":\"classpath subset\""), json);
        assertTrue(json.contains("\"trainExamples\":640"), json);
        assertTrue(json.contains("\"trainCpuSeconds\":3.0"), json);
        assertTrue(json.contains(String.format(java.util.Locale.ROOT, "\"top1\":%.4f", t.test().top1())), json);
    }

    @Test
    void sameSeedGivesTheSameWeights() {
        SmallTierTrainer trainer = new SmallTierTrainer(Ticker.systemTicker(), s -> { });
        ImageSplit tiny = train.first(64);
        TrainingOptions o = new TrainingOptions(1, 32, 7, 2e-3);
        TrainedNetwork a = trainer.train(SmallNetwork.VGG8, tiny, test.first(50), o);
        TrainedNetwork b = trainer.train(SmallNetwork.VGG8, tiny, test.first(50), o);
        assertEquals(a.graph().params(), b.graph().params());
        assertNotEquals(SmallNetwork.VGG8.network(7).params(), a.graph().params(), "training changed the weights");
    }

    @Test
    void trainingGraphComputesThePlainNetworkWithFasterLayers() {
        INDArray x = train.images(new int[] {0, 1, 2, 3});
        ComputationGraph plainMobile = SmallNetwork.MOBILENET.network(42);
        ComputationGraph mobile = SmallTierTrainer.trainingGraph(SmallNetwork.MOBILENET.configuration(42),
                new TrainingOptions(1, 32, 42, 1e-3));
        assertTrue(mobile.getLayer("conv_dw_1") instanceof JavaDepthwiseConvolution2DLayer);
        assertEquals(plainMobile.params(), mobile.params(), "same seeded initial weights");
        JavaDepthwiseConvolution2DTest.assertClose(plainMobile.outputSingle(x), mobile.outputSingle(x), 1e-5, "mobilenet");

        ComputationGraph plainResNet = SmallNetwork.RESNET11.network(42);
        ComputationGraph resnet = SmallTierTrainer.trainingGraph(SmallNetwork.RESNET11.configuration(42),
                new TrainingOptions(1, 32, 42, 1e-3, true));
        assertEquals(plainResNet.params(), resnet.params(), "same seeded initial weights");
        assertTrue(layerConf(resnet, "res2a_branch2a") instanceof DirectPointwiseConvolution);
        assertFalse(layerConf(resnet, "res2a_branch2b") instanceof DirectPointwiseConvolution, "3x3 stays DL4J's");
        JavaDepthwiseConvolution2DTest.assertClose(plainResNet.outputSingle(x), resnet.outputSingle(x), 1e-5, "resnet11");
    }

    @Test
    void directPointwiseTrainingEndsInThePlainConfigurationAndIsRecorded() {
        SmallTierTrainer trainer = new SmallTierTrainer(Ticker.systemTicker(), s -> { });
        TrainedNetwork t = trainer.train(SmallNetwork.RESNET11, train.first(128), test.first(50),
                new TrainingOptions(1, 64, 5, 2e-3, true));
        ComputationGraph plain = SmallNetwork.RESNET11.network(5);
        for (String name : plain.getConfiguration().getVertices().keySet()) {
            if (plain.getConfiguration().getVertices().get(name) instanceof LayerVertex) {
                assertEquals(layerConf(plain, name).getClass(), layerConf(t.graph(), name).getClass(),
                        name + ": the trained network has DL4J's own layers");
            }
        }
        assertTrue(SmallTierTrainCommand.record(t, "x").contains("\"direct1x1\":true"));
    }

    private static Layer layerConf(ComputationGraph g, String name) {
        return ((LayerVertex) g.getConfiguration().getVertices().get(name)).getLayerConf().getLayer();
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(0, 64, 1, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(1, 0, 1, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(1, 64, 1, -1));
    }
}
