package dev.compressor.prune.structured;

import dev.compressor.api.training.FineTuningBudget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.recalibration.BatchNormRecalibration;
import dev.compressor.prune.FineTuned;
import dev.compressor.prune.FineTunedPruning;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Channel pruning then fine-tuning of a graph with a residual add, a concatenation and batch
 * normalisation after its convolutions: the smaller graph trains, and its statistics are recalibrated.
 */
class FineTunedChannelPruningTest {

    /** Learnable data: noise, with the class's input channel brighter. */
    static DataSet data() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 3, 8, 8);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 256, 3);
        for (int i = 0; i < 256; i++) {
            int c = (i * 7) % 3;
            labels.putScalar(i, c, 1f);
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                    .addi(1.0);
        }
        return new DataSet(x, labels);
    }

    @Test
    void theShrunkGraphIsFineTunedAndRecalibrated() {
        ComputationGraph graph = TinyNetworks.residualConcat(3);
        DataSet d = data();
        graph.setLearningRate(0.1);                                    // its SGD
        graph.fit(new ListDataSetIterator<>(d.batchBy(32), 1), 6);
        ComputationGraph oneShot = (ComputationGraph) ChannelPruning.ratio(0.5).compress(graph).network();
        FineTuned ft = FineTunedPruning.channels(0.5).batchNormExamples(128).budget(FineTuningBudget.epochs(3))
                .fineTune(graph, new MultiDataSetIteratorAdapter(new ListDataSetIterator<>(d.batchBy(32), 1)));
        ComputationGraph tuned = (ComputationGraph) ft.network();
        assertEquals(oneShot.numParams(), tuned.numParams(), "the fine-tuned graph is the shrunk one");
        assertTrue(tuned.numParams() < graph.numParams());
        double before = oneShot.score(new org.nd4j.linalg.dataset.MultiDataSet(d.getFeatures(), d.getLabels()));
        double after = tuned.score(new org.nd4j.linalg.dataset.MultiDataSet(d.getFeatures(), d.getLabels()));
        System.out.printf(java.util.Locale.ROOT, "residual graph, channels 50 %%: %d -> %d parameters, training loss"
                + " one-shot %.4f, fine-tuned %.4f (%s)%n", graph.numParams(), tuned.numParams(), before, after, ft.spent());
        assertTrue(after < before / 4, "training loss " + before + " -> " + after);
        ComputationGraph again = tuned.clone();
        BatchNormRecalibration.of(d.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 128)))
                .recalibrate(again);
        for (String bn : List.of("b1", "b2")) {
            assertTrue(again.getLayer(bn).getParam("mean").equalsWithEps(tuned.getLayer(bn).getParam("mean"), 1e-5),
                    bn + " holds the statistics of the first 128 training inputs");
        }
        assertEquals(3, ft.spent().epochs());
        assertEquals(2, ft.spent().recalibrations(), "once before training, once after");
    }
}
