package dev.compressor.examples.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.training.FineTuningBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The small tier's recalibrated and fine-tuned twins of one-shot settings. */
class RecoverySettingsTest {

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).updater(new Adam(1e-3))
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().activation(Activation.RELU).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "bn")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static List<DataSet> batches(int n) {
        Nd4j.getRandom().setSeed(5);
        List<DataSet> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
            for (int r = 0; r < 16; r++) {
                y.putScalar(r, (r + i) % 3, 1f);
            }
            l.add(new DataSet(Nd4j.rand(DataType.FLOAT, 16, 1, 8, 8), y));
        }
        return l;
    }

    @Test
    void everyTwinNamesItsOneShotSettingAndKeepsItsFamilyAndRuntime() {
        int twins = 0;
        for (Setting s : Setting.values()) {
            Setting one = s.oneShot();
            assertEquals(Recovery.ONE_SHOT, one.recovery(), s.id());
            if (s.recovery() == Recovery.ONE_SHOT) {
                assertSame(s, one);
                continue;
            }
            twins++;
            String suffix = s.recovery() == Recovery.RECALIBRATED ? "_recal" : "_ft";
            assertEquals(one.id() + suffix, s.id());
            assertEquals(one.family(), s.family());
            assertEquals(one.runtimeMode(), s.runtimeMode());
            assertTrue(s.smallTierOnly(), s.id());
            assertEquals(s.recovery() == Recovery.FINE_TUNED, s.fineTuned(), s.id());
            assertEquals(s.recovery() == Recovery.RECALIBRATED, s.needsCalibration(), s.id());
        }
        assertEquals(13, twins, "prune50/90, channel50, int4, int2 and deep_compression, each recalibrated and fine-tuned; fp32 fine-tuned as the control");
    }

    @Test
    void theFullTiersGridIsUnchangedByTheSmallTiersSettings() {
        List<Setting> full = Setting.fullTier();
        assertEquals(28, full.size(), "the grid the paired full sweep runs");
        assertTrue(full.stream().noneMatch(Setting::smallTierOnly));
        assertFalse(full.contains(Setting.INT2));
        assertTrue(Setting.INT2.smallTierOnly());
    }

    @Test
    void aFineTunedSettingTrainsOnDataAndHasNoPlainCompressor() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Setting.PRUNE90_FT.compressor());
        assertTrue(e.getMessage().contains("fineTune"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Setting.PRUNE90.fineTune(graph(),
                new MultiDataSetIteratorAdapter(new ListDataSetIterator<>(batches(1), 1)), FineTuningBudget.epochs(1), 1e-3));
    }

    @Test
    void quantizationAwareTrainingTrainsACopyWithinTheBudgetAndStoresFourBitCodes() throws Exception {
        ComputationGraph trained = graph();
        INDArray before = trained.params().dup();
        FineTuning.Outcome o = Setting.INT4_FT.fineTune(trained, new MultiDataSetIteratorAdapter(new ListDataSetIterator<>(batches(3), 1)),
                FineTuningBudget.epochs(2), 1e-3);
        assertEquals(before, trained.params(), "the network given is not modified");
        assertEquals(null, ((org.deeplearning4j.nn.conf.layers.BaseLayer) trained.getLayer("conv").conf().getLayer())
                .getWeightNoise(), "nor its configuration: the fake quantization went to the copy only");
        assertEquals(2, o.epochs());
        assertEquals(6, o.iterations());
        assertFalse(o.wallTimeReached());
        assertTrue(o.wallNanos() > 0);
        CompressedModel artifact = CompressedModel.fromBytes(o.compression().artifact().toBytes(OuterCompression.ZSTD),
                ReadLimits.DEFAULT);
        ComputationGraph restored = artifact.restoreComputationGraph();
        assertNotEquals(before, restored.params(), "it trained");
        INDArray w = restored.getParam("conv_W"); // [6, 1, 3, 3]
        for (int c = 0; c < 6; c++) {
            TreeSet<Float> distinct = new TreeSet<>();
            for (float v : w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup().data().asFloat()) {
                distinct.add(v);
            }
            assertTrue(distinct.size() <= 15, "symmetric int4: at most 15 levels per channel, got " + distinct);
        }
    }

    @Test
    void theControlTrainsACopyOnAndStoresItUncompressed() throws Exception {
        ComputationGraph trained = graph();
        INDArray before = trained.params().dup();
        FineTuning.Outcome o = Setting.FP32_FT.fineTune(trained, new MultiDataSetIteratorAdapter(
                new ListDataSetIterator<>(batches(2), 1)), FineTuningBudget.epochs(1), 1e-2);
        assertEquals(before, trained.params());
        assertEquals(1e-3, o.learningRate(), 1e-15, "a tenth of the training rate, as quantization-aware training");
        ComputationGraph restored = CompressedModel.fromBytes(o.compression().artifact().toBytes(OuterCompression.ZSTD),
                ReadLimits.DEFAULT).restoreComputationGraph();
        assertEquals(o.compression().network().params(), restored.params(), "stored as float32, exactly");
        assertNotEquals(before, restored.params(), "it trained");
    }

    @Test
    void theRecalibratedTwinStoresTheStatisticsOfTheCompressedWeightsOutputs() throws Exception {
        ComputationGraph trained = graph();
        INDArray images = Nd4j.rand(DataType.FLOAT, 40, 1, 8, 8);
        ComputationGraph oneShot = CompressedModel.fromBytes(Setting.INT2.compressor().compress(trained).artifact()
                .toBytes(OuterCompression.ZSTD), ReadLimits.DEFAULT).restoreComputationGraph();
        ComputationGraph recal = CompressedModel.fromBytes(Setting.INT2_RECAL.compressor(new INDArray[] {images})
                .compress(trained).artifact().toBytes(OuterCompression.ZSTD), ReadLimits.DEFAULT).restoreComputationGraph();
        assertEquals(oneShot.getParam("conv_W"), recal.getParam("conv_W"), "the same int2 weights");
        INDArray conv = recal.feedForward(new INDArray[] {images}, false).get("conv");
        INDArray mean = conv.mean(0, 2, 3);
        assertTrue(mean.equalsWithEps(recal.getParam("bn_mean").reshape(mean.shape()), 1e-4),
                mean + " vs " + recal.getParam("bn_mean"));
        assertFalse(mean.equalsWithEps(oneShot.getParam("bn_mean").reshape(mean.shape()), 1e-4),
                "the one-shot twin keeps the initial statistics");
    }
}
