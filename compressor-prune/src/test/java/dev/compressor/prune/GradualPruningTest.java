package dev.compressor.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class GradualPruningTest {

    static ListDataSetIterator<DataSet> randomData(int batches) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32L * batches, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32L * batches, 10);
        for (int i = 0; i < 32 * batches; i++) {
            y.putScalar(i, i % 10, 1);
        }
        List<DataSet> list = new DataSet(x, y).batchBy(32);
        return new ListDataSetIterator<>(list, 1); // one prepared minibatch per step
    }

    static long zeros(INDArray w) {
        long z = 0;
        for (float v : w.dup().data().asFloat()) {
            if (v == 0f) {
                z++;
            }
        }
        return z;
    }

    @Test
    void scheduleFollowsTheCubicAndValidates() {
        PolynomialSchedule s = PolynomialSchedule.cubic(0.1, 0.9, 10, 110, 10);
        assertEquals(0, s.sparsityAt(5));
        assertEquals(0.1, s.sparsityAt(10), 1e-12);
        assertEquals(0.9 - 0.8 * 0.125, s.sparsityAt(60), 1e-12);
        assertEquals(0.9, s.sparsityAt(500), 1e-12);
        assertTrue(s.isPruningStep(10) && s.isPruningStep(20) && !s.isPruningStep(25) && !s.isPruningStep(120));
        assertThrows(IllegalArgumentException.class, () -> PolynomialSchedule.cubic(0, 1.0, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> PolynomialSchedule.cubic(0.5, 0.4, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> PolynomialSchedule.cubic(0, 0.5, 10, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> PolynomialSchedule.cubic(0, 0.5, 0, 10, 0));
    }

    @Test
    void masksAreReappliedAfterEveryUpdateAndSparsityIsExactAtTheEnd() {
        MultiLayerNetwork net = TestNetworks.mlp(32, 9);
        MaskingListener listener = GradualPruning.of(PolynomialSchedule.cubic(0, 0.8, 0, 12, 3)).listener(net);
        net.addListeners(listener);
        Map<String, Mask> previous = listener.masks();
        for (int epoch = 0; epoch < 4; epoch++) {
            net.fit(randomData(5));
            Map<String, Mask> now = listener.masks();
            for (String name : now.keySet()) {
                assertTrue(previous.get(name).covers(now.get(name)), "no weight revived in " + name);
                assertEquals(now.get(name).prunedCount(), zeros(net.getParam(name)), name + " epoch " + epoch);
            }
            previous = now;
        }
        assertEquals(0.8, listener.targetSparsity(), 1e-12);
        assertEquals(Math.round(0.8 * 784 * 32), zeros(net.getParam("0_W")));
        assertEquals(Math.round(0.8 * 32 * 10), zeros(net.getParam("1_W")));
        assertEquals(List.of("0_W", "1_W"), List.copyOf(listener.masks().keySet()), "only weights are masked");
        assertEquals(4 * 5, listener.steps(), "one step per minibatch");
    }

    @Test
    void globalVariantReachesTheTargetAcrossLayers() {
        MultiLayerNetwork net = TestNetworks.mlp(32, 10);
        MaskingListener listener = GradualPruning.of(PolynomialSchedule.cubic(0.5, 0.7, 0, 6, 2)).global()
                .listener(net);
        net.addListeners(listener);
        net.fit(randomData(10));
        long total = 784 * 32 + 32 * 10;
        assertEquals(Math.round(0.7 * total), zeros(net.getParam("0_W")) + zeros(net.getParam("1_W")));
    }
}
