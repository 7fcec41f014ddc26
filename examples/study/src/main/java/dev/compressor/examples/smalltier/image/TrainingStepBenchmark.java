package dev.compressor.examples.smalltier.image;

import com.google.common.math.Quantiles;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Benchmark main: the wall-clock time of one training step (a minibatch of real training images,
 * forward, backward and Adam update) of each small network, and from it the training time of the
 * committed weights' epochs on this machine when nothing else runs. Run it on an idle machine with
 * {@code OMP_NUM_THREADS=1}, the setting the weights were trained with:
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp ... dev.compressor.examples.smalltier.image.TrainingStepBenchmark [network:epochs[:batch[:direct]] ...]
 * </pre>
 *
 * <p>Steps run on the graph the trainer trains ({@link SmallTierTrainer#trainingGraph}). The networks
 * take their steps in turns, one step each per round ({@value #WARMUP} warm-up rounds, then
 * {@value #ROUNDS} measured ones), so a change in the machine's speed during the run touches every
 * network alike; the median step is reported. Measured one after another, two measurements of the
 * same network a minute apart differed by 45 %. Without arguments it measures every network at 64
 * images per step. The training runs of the committed weights shared the two cores with other jobs,
 * so their recorded wall times overstate this machine's cost; this is the side-by-side figure.
 */
public final class TrainingStepBenchmark {

    private static final int WARMUP = 5;
    private static final int ROUNDS = 25;

    private TrainingStepBenchmark() {
    }

    /** One network to measure, with the epochs and options of its run. */
    private record Spec(SmallNetwork network, int epochs, TrainingOptions options, ComputationGraph graph,
            double[] seconds) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code id:epochs[:batch[:direct]]} per network ({@code direct}: 1x1 convolutions as
     *             direct matrix products, as {@code --direct-1x1} trains them; default: every network,
     *             1 epoch, batch 64)
     * @throws IOException if the Fashion-MNIST data cannot be read
     */
    public static void main(String[] args) throws IOException {
        ImageSplit train = FashionMnistData.load().train();
        List<String> ids = new ArrayList<>(List.of(args));
        if (ids.isEmpty()) {
            for (SmallNetwork n : SmallNetwork.values()) {
                ids.add(n.id() + ":1:64");
            }
        }
        List<Spec> specs = new ArrayList<>();
        for (String arg : ids) {
            String[] p = arg.split(":");
            SmallNetwork n = SmallNetwork.byId(p[0]);
            int epochs = p.length > 1 ? Integer.parseInt(p[1]) : 1;
            int batch = p.length > 2 ? Integer.parseInt(p[2]) : 64;
            boolean direct = p.length > 3 && p[3].equals("direct");
            TrainingOptions o = new TrainingOptions(epochs, batch, 42, SmallNetwork.LEARNING_RATE, direct);
            specs.add(new Spec(n, epochs, o, SmallTierTrainer.trainingGraph(n.configuration(o.seed(), o.learningRate()), o),
                    new double[ROUNDS]));
        }
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            for (Spec s : specs) {
                double t = step(s, train, round);
                if (round >= WARMUP) {
                    s.seconds()[round - WARMUP] = t;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-13s %6s %6s %12s %10s %14s%n", "network", "batch", "epochs", "s per step",
                "steps", "est. training");
        for (Spec s : specs) {
            double median = Quantiles.median().compute(s.seconds());
            int batch = s.options().batchSize();
            int steps = s.epochs() * ((train.size() + batch - 1) / batch);
            System.out.printf(Locale.ROOT, "%-13s %6d %6d %12.3f %10d %12.0f s%n",
                    s.network().id() + (s.options().directPointwise() ? "+1x1" : ""), batch, s.epochs(), median, steps,
                    median * steps);
        }
    }

    /** One training step on the round's minibatch; returns its wall time in seconds. */
    private static double step(Spec s, ImageSplit train, int round) {
        int batch = s.options().batchSize();
        int[] idx = new int[batch];
        for (int k = 0; k < batch; k++) {
            idx[k] = (round * batch + k) % train.size();
        }
        DataSet d = new DataSet(train.images(idx), train.oneHot(idx));
        long t0 = System.nanoTime();
        s.graph().fit(d);
        return (System.nanoTime() - t0) / 1e9;
    }
}
