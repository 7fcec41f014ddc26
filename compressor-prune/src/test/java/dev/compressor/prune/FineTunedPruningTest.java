package dev.compressor.prune;

import dev.compressor.api.training.FineTuningBudget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.api.CompressionResult;
import dev.compressor.api.recalibration.BatchNormRecalibration;
import dev.compressor.api.testdata.FashionMnist;
import dev.compressor.prune.structured.ChannelPruning;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Fine-tuned pruning of a 784-256-128-10 MLP with batch normalisation, trained on 4,000 real
 * Fashion-MNIST images and measured on 1,000 test images.
 */
class FineTunedPruningTest {

    static final int TRAIN = 4000;
    static MultiLayerNetwork trained;
    static double trainedAccuracy;
    static INDArray testX;
    static INDArray testY;

    @BeforeAll
    static void train() {
        testX = FashionMnist.test().features(1000);
        testY = FashionMnist.test().oneHotLabels(1000);
        trained = mlp();
        trained.fit(data(), 2);
        trainedAccuracy = accuracy(trained);
    }

    static MultiLayerNetwork mlp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).updater(new Adam(2e-3))
                .weightInit(WeightInit.RELU).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(256).build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(128).build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static DataSetIterator data() {
        return new ListDataSetIterator<>(new DataSet(FashionMnist.train().features(TRAIN),
                FashionMnist.train().oneHotLabels(TRAIN)).batchBy(64), 1);
    }

    static double accuracy(Model net) {
        return SensitivityMetric.accuracy(testX, testY).evaluate(net);
    }

    @Test
    void ninetyPercentFineTunedBeatsOneShotAndThePrunedWeightsStayExactlyZero() {
        INDArray before = trained.params().dup();
        Model pruned = Pruning.magnitude(0.9).compress(trained).network();
        double oneShot = accuracy(pruned);
        BatchNormRecalibration.from(data(), 256).recalibrate(pruned);     // the cheap option, for comparison
        double recalibrated = accuracy(pruned);
        FineTuned ft = FineTunedPruning.unstructured(0.9).budget(FineTuningBudget.epochs(2)).fineTune(trained, data());
        double fineTuned = accuracy(ft.network());
        System.out.printf(Locale.ROOT, "MLP+BN 90 %%: trained %.3f, one-shot %.3f, recalibrated %.3f, fine-tuned %.3f"
                + " (%s)%n", trainedAccuracy, oneShot, recalibrated, fineTuned, ft.spent());
        assertTrue(recalibrated > oneShot + 0.1, "recalibration alone " + recalibrated + " vs one-shot " + oneShot);
        assertTrue(fineTuned > recalibrated + 0.05, "fine-tuned " + fineTuned + " vs recalibrated " + recalibrated);
        assertTrue(fineTuned > trainedAccuracy - 0.05, "fine-tuned " + fineTuned + " vs trained " + trainedAccuracy);
        // the final pruning step was at 2/3 of the budget: a third of Adam's updates ran on the masked weights after it
        for (String w : List.of("0_W", "3_W", "6_W")) {
            INDArray p = ft.network().getParam(w);
            assertEquals(Math.round(0.9 * p.length()), GradualPruningTest.zeros(p), w + " holds exactly 90 % zeros");
        }
        assertEquals(((MultiLayerNetwork) ft.network()).params(),
                ((MultiLayerNetwork) ft.compression().network()).params(), "the artifact stores the fine-tuned weights");
        for (dev.compressor.api.TensorReport t : ft.compression().report().tensors()) {
            if (t.name().endsWith("_W")) {
                assertEquals(Math.round(0.9 * t.parameters()) / (double) t.parameters(), t.sparsity(), 1e-12, t.name());
                assertTrue(t.bitsPerWeight() < 16, "stored sparsely: " + t.encoding() + ", " + t.bitsPerWeight());
            }
        }
        assertEquals(new FineTuningSpent(ft.spent().wallNanos(), 2, 2 * 63, 10, 11, false), ft.spent());
        assertEquals(before, trained.params(), "the caller's network is not changed");
    }

    @Test
    void batchNormStatisticsAreRecalibratedOnTheTrainingData() {
        FineTuned ft = FineTunedPruning.unstructured(0.5).pruningSteps(2).batchNormExamples(300)
                .budget(FineTuningBudget.epochs(1)).fineTune(trained, data());
        MultiLayerNetwork again = ((MultiLayerNetwork) ft.network()).clone();
        BatchNormRecalibration.from(data(), 300).recalibrate(again);
        assertEquals(((MultiLayerNetwork) ft.network()).params(), again.params(),
                "the returned statistics are those of the first 300 training images");
        assertTrue(ft.network().getParam("1_mean").distance2(trained.getParam("1_mean")) > 1e-3, "they moved");
    }

    /** A fake clock: every minibatch the iterator hands out takes 100 ms. */
    @Test
    void theWallTimeBudgetStopsTrainingOnTheTickersTimeAndTheSparsityIsStillReached() {
        AtomicLong now = new AtomicLong();
        Ticker ticker = new Ticker() {
            @Override
            public long read() {
                return now.get();
            }
        };
        DataSetIterator slow = new ListDataSetIterator<>(new DataSet(FashionMnist.train().features(TRAIN),
                FashionMnist.train().oneHotLabels(TRAIN)).batchBy(64), 1) {
            @Override
            public DataSet next() {
                now.addAndGet(100_000_000L);
                return super.next();
            }
        };
        FineTuned ft = FineTunedPruning.unstructured(0.8).batchNormExamples(0).withTicker(ticker)
                .budget(FineTuningBudget.wallTime(Duration.ofSeconds(1))).fineTune(trained, slow);
        assertEquals(new FineTuningSpent(1_000_000_000L, 0, 10, 10, 0, true), ft.spent());
        assertEquals(Math.round(0.8 * 784 * 256), GradualPruningTest.zeros(ft.network().getParam("0_W")));
    }

    @Test
    void channelPruningThenFineTuningTrainsTheSmallerNetworkBack() {
        CompressionResult oneShot = ChannelPruning.ratio(0.75).compress(trained);
        FineTuned ft = FineTunedPruning.channels(0.75).budget(FineTuningBudget.epochs(1)).fineTune(trained, data());
        double before = accuracy(oneShot.network());
        double after = accuracy(ft.network());
        System.out.printf(Locale.ROOT, "MLP+BN channels 75 %%: trained %.3f, one-shot %.3f, fine-tuned %.3f (%s)%n",
                trainedAccuracy, before, after, ft.spent());
        assertTrue(after > before + 0.02, "fine-tuned " + after + " vs one-shot " + before);
        assertEquals(64, ((MultiLayerNetwork) ft.network()).getLayer(0).getParam("W").size(1), "256 -> 64 units");
        assertEquals(ft.network().numParams(), ft.compression().report().total().parameters());
        assertEquals(new FineTuningSpent(ft.spent().wallNanos(), 1, 63, 0, 2, false), ft.spent());
    }

    @Test
    void aComputationGraphFineTunesOnAMultiDataSetIterator() {
        ComputationGraph graph = trained.toComputationGraph();
        MultiDataSetIteratorAdapter multi = new MultiDataSetIteratorAdapter(data());
        FineTuned ft = FineTunedPruning.unstructured(0.75).global().budget(FineTuningBudget.epochs(1))
                .fineTune(graph, multi);
        Map<String, INDArray> params = ft.network().paramTable();
        long zeros = 0;
        long total = 0;
        for (Map.Entry<String, INDArray> w : params.entrySet()) {
            if (w.getKey().endsWith("_W")) {
                zeros += GradualPruningTest.zeros(w.getValue());
                total += w.getValue().length();
            }
        }
        assertEquals(784 * 256 + 256 * 128 + 128 * 10, total, params.keySet().toString());
        assertEquals(Math.round(0.75 * total), zeros, "one global threshold: 75 % of all weights");
        assertTrue(accuracy(ft.network()) > 0.6, "accuracy " + accuracy(ft.network()));
    }

    @Test
    void oneStepWithAVanishingLearningRateIsOneShotPruning() {
        FineTuned ft = FineTunedPruning.unstructured(0.5).pruningSteps(1).learningRate(1e-12).batchNormExamples(0)
                .budget(FineTuningBudget.epochs(1)).fineTune(trained, data());
        CompressionResult oneShot = Pruning.magnitude(0.5).compress(trained);
        for (String w : List.of("0_W", "3_W", "6_W")) {
            assertTrue(oneShot.network().getParam(w).equalsWithEps(ft.network().getParam(w), 1e-6), w);
        }
        assertEquals(1, ft.spent().pruningSteps());
        assertEquals(0, ft.spent().recalibrations());
        // the caller's network keeps its own learning rate (DL4J's clone() would have shared the updater settings)
        org.deeplearning4j.nn.conf.layers.BaseLayer conf =
                (org.deeplearning4j.nn.conf.layers.BaseLayer) trained.getLayer(0).conf().getLayer();
        assertEquals(2e-3, ((Adam) conf.getIUpdater()).getLearningRate(), 0);
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() {
        assertMessage(() -> FineTunedPruning.unstructured(1.0), "got 1.0");
        assertMessage(() -> FineTunedPruning.channels(-0.1), "got -0.1");
        assertMessage(() -> FineTunedPruning.unstructured(0.5).pruningSteps(0), "got 0");
        assertMessage(() -> FineTunedPruning.unstructured(0.5).rampFraction(1.5), "got 1.5");
        assertMessage(() -> FineTunedPruning.unstructured(0.5).learningRate(-1e-3), "got -0.001");
        assertMessage(() -> FineTunedPruning.unstructured(0.5).batchNormExamples(-1), "got -1");
        assertMessage(() -> FineTuningBudget.epochs(0), "got 0");
        assertMessage(() -> FineTuningBudget.wallTime(Duration.ofSeconds(-2)), "got PT-2S");
        assertMessage(() -> new FineTuningBudget(0, null), "got neither");
        DataSetIterator once = new ListDataSetIterator<>(List.of(new DataSet(testX, testY)), 1) {
            @Override
            public boolean resetSupported() {
                return false;
            }
        };
        assertMessage(() -> FineTunedPruning.unstructured(0.5).fineTune(trained, once), "reset()");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FineTunedPruning.channels(0.5).global());
        assertTrue(e.getMessage().contains("channels(0.5"), e.getMessage());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
