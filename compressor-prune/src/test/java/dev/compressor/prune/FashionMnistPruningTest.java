package dev.compressor.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressors;
import dev.compressor.api.testdata.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Accuracy of pruned 784-256-10 MLPs on the real Fashion-MNIST subset of the compressor-api
 * test-jar (10,000 training and 2,000 test images). Prints the figures recorded in
 * docs/benchmarks.md.
 */
class FashionMnistPruningTest {

    static final int DENSE_EPOCHS = 3;
    static final int FINE_TUNE_EPOCHS = 3;
    static final int BATCH = 64;

    static MultiLayerNetwork dense;
    static INDArray testX;
    static INDArray testY;
    static double denseAccuracy;

    @BeforeAll
    static void train() {
        testX = FashionMnist.test().features();
        testY = FashionMnist.test().oneHotLabels();
        dense = TestNetworks.mlp(256, 42);
        long t0 = System.nanoTime();
        dense.fit(iterator(), DENSE_EPOCHS);
        denseAccuracy = accuracy(dense);
        System.out.printf(Locale.ROOT, "dense 784-256-10, %d epochs on %d images: test accuracy %.4f (%.1f s)%n",
                DENSE_EPOCHS, FashionMnist.train().size(), denseAccuracy, (System.nanoTime() - t0) / 1e9);
    }

    /** Minibatches of {@value #BATCH} examples (one prepared minibatch per step). */
    static DataSetIterator iterator() {
        return new ListDataSetIterator<>(FashionMnist.train().dataSet().batchBy(BATCH), 1);
    }

    static double accuracy(Model net) {
        return SensitivityMetric.accuracy(testX, testY).evaluate(net);
    }

    @Test
    void oneShotFiftyPercentMagnitudeLosesAtMostThreePoints() {
        CompressionResult r = Pruning.magnitude(0.5).compress(dense);
        double acc = accuracy(r.network());
        System.out.printf(Locale.ROOT, "one-shot 50 %% layer-wise magnitude: %.4f (dense %.4f, %+.2f points)%n", acc,
                denseAccuracy, 100 * (acc - denseAccuracy));
        assertTrue(denseAccuracy - acc <= 0.03, "lost " + (denseAccuracy - acc));
    }

    @Test
    void gradualPruningToNinetyPercentWithFineTuningLosesAtMostOnePoint(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = dense.clone();
        int steps = FINE_TUNE_EPOCHS * (FashionMnist.train().size() / BATCH + 1);
        PolynomialSchedule schedule = PolynomialSchedule.cubic(0, 0.9, 0, steps * 2 / 3, 20);
        MaskingListener pruning = GradualPruning.of(schedule).listener(net);
        net.addListeners(pruning);
        long t0 = System.nanoTime();
        net.fit(iterator(), FINE_TUNE_EPOCHS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (Map.Entry<String, Mask> e : pruning.masks().entrySet()) {
            INDArray w = net.getParam(e.getKey());
            long zeros = GradualPruningTest.zeros(w);
            assertEquals(Math.round(0.9 * w.length()), zeros, e.getKey() + " is exactly 90 % zero after training");
            assertEquals(zeros, e.getValue().prunedCount());
        }
        double acc = accuracy(net);

        MultiLayerNetwork longer = dense.clone(); // the dense model trained as long, for a fair comparison
        longer.fit(iterator(), FINE_TUNE_EPOCHS);
        double longerAcc = accuracy(longer);

        CompressionResult stored = Pruning.magnitude(0.9).compress(net);
        assertEquals(acc, accuracy(stored.network()), 1e-9, "compressing keeps exactly the trained zeros");
        Path sparse = dir.resolve("pruned.dlc");
        Path full = dir.resolve("dense.dlc");
        stored.artifact().write(sparse);
        Compressors.identity().compress(dense).artifact().write(full);
        double ratio = (double) Files.size(sparse) / Files.size(full);
        System.out.printf(Locale.ROOT, "gradual 0 -> 90 %% over %d steps (%d pruning steps), %d fine-tuning epochs"
                + " (%.1f s): %.4f; dense %.4f (%+.2f points); dense trained %d more epochs %.4f (%+.2f points);"
                + " artifact %d B vs dense %d B = %.3fx%n", schedule.end(), pruning.pruningSteps(), FINE_TUNE_EPOCHS,
                seconds, acc, denseAccuracy, 100 * (acc - denseAccuracy), FINE_TUNE_EPOCHS, longerAcc,
                100 * (acc - longerAcc), Files.size(sparse), Files.size(full), ratio);
        assertTrue(denseAccuracy - acc <= 0.01, "lost " + (denseAccuracy - acc) + " against the dense model");
        assertTrue(longerAcc - acc <= 0.01, "lost " + (longerAcc - acc) + " against the dense model trained as long");
        assertTrue(ratio <= 0.2, "artifact ratio " + ratio);
    }

    @Test
    void sensitivityAnalysisSuggestsPerLayerSparsitiesThatReachTheTarget() {
        SensitivityReport report = SensitivityAnalysis.of(SensitivityMetric.accuracy(testX, testY))
                .sparsities(0.5, 0.7, 0.8, 0.9, 0.95, 0.98).run(dense);
        System.out.print(report.toTable());
        assertEquals(denseAccuracy, report.baseline(), 1e-9);
        assertEquals(2, report.layers().size());
        LayerSensitivity hidden = report.layers().get(0);
        assertTrue(hidden.values()[5] < hidden.values()[0], "98 % hurts more than 50 %");
        Map<String, Double> suggestion = report.suggest(0.9);
        System.out.println("suggested per-layer sparsity for 90 % overall: " + suggestion);
        CompressionResult r = Pruning.perLayer(suggestion).compress(dense);
        long weights = 0;
        long zeros = 0;
        for (var t : r.report().tensors()) {
            if (t.kind() == dev.compressor.api.tensor.ParamKind.WEIGHT) {
                weights += t.parameters();
                zeros += t.parameters() - t.nonZeros();
            }
        }
        assertTrue(zeros >= 0.9 * weights - 2, zeros + " of " + weights);
        System.out.printf(Locale.ROOT, "per-layer suggestion applied: %.4f sparsity, accuracy %.4f%n",
                (double) zeros / weights, accuracy(r.network()));
    }
}
