package dev.compressor.api.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BudgetedTrainingTest {

    private static MultiLayerNetwork network() {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).updater(new Sgd(0.1))
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        n.init();
        return n;
    }

    private static List<DataSet> batches(int count) {
        List<DataSet> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DataSet d = new DataSet(Nd4j.rand(DataType.FLOAT, 5, 4), Nd4j.zeros(DataType.FLOAT, 5, 3));
            d.getLabels().putScalar(0, i % 3, 1f);
            l.add(d);
        }
        return l;
    }

    @Test
    void epochLimitTrainsEveryMinibatchOfEachEpochAndReportsTheShareSpent() {
        MultiLayerNetwork net = network();
        double[] before = net.params().toDoubleVector();
        BudgetedTraining t = BudgetedTraining.of(net, new ListDataSetIterator<>(batches(4), 1), FineTuningBudget.epochs(3));
        List<Double> shares = new ArrayList<>();
        t.run(shares::add);
        assertEquals(3, t.epochs());
        assertEquals(12, t.iterations());
        assertFalse(t.wallTimeReached());
        assertEquals(12, shares.size());
        assertEquals(1.0 / 12, shares.get(0), 1e-12);
        assertEquals(1.0, shares.get(11), 1e-12);
        assertEquals(3, net.getEpochCount());
        assertNotEquals(before[0], net.params().getDouble(0), "the network trained in place");
    }

    @Test
    void wallTimeLimitStopsBeforeTheNextMinibatchOnTheGivenClock() {
        AtomicLong now = new AtomicLong();
        Ticker clock = new Ticker() {
            @Override
            public long read() {
                return now.get();
            }
        };
        MultiLayerNetwork net = network();
        BudgetedTraining t = BudgetedTraining.of(net, new ListDataSetIterator<>(batches(4), 1),
                FineTuningBudget.wallTime(Duration.ofSeconds(10))).startedAt(clock, 0);
        t.run(share -> now.addAndGet(3_000_000_000L)); // each minibatch "takes" 3 s
        assertEquals(4, t.iterations(), "minibatches start at 0, 3, 6 and 9 s; the one at 12 s does not");
        assertEquals(1, t.epochs());
        assertTrue(t.wallTimeReached());
    }

    @Test
    void refusesBadInputNamingTheProblem() {
        MultiLayerNetwork net = network();
        IllegalArgumentException noReset = assertThrows(IllegalArgumentException.class, () -> BudgetedTraining.of(net,
                new ExistingDataSetIterator(batches(2).iterator()), FineTuningBudget.epochs(1)));
        assertTrue(noReset.getMessage().contains("reset()"), noReset.getMessage());
        BudgetedTraining empty = BudgetedTraining.of(net, new ListDataSetIterator<>(new ArrayList<>(), 1),
                FineTuningBudget.epochs(1));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> empty.run(s -> { }));
        assertTrue(none.getMessage().contains("no minibatch"), none.getMessage());
        BudgetedTraining once = BudgetedTraining.of(net, new ListDataSetIterator<>(batches(1), 1),
                FineTuningBudget.epochs(1));
        once.run(s -> { });
        assertThrows(IllegalStateException.class, () -> once.run(s -> { }));
        assertThrows(IllegalArgumentException.class, () -> FineTuningBudget.epochs(0));
    }
}
