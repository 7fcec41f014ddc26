package dev.compressor.examples.smalltier.image;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Benchmark main: the wall-clock time of one training step (a batch of 64 real training images,
 * forward, backward and Adam update) of each small network, and from it the training time of the
 * committed weights' epochs on this machine when nothing else runs. Run it on an idle machine with
 * {@code OMP_NUM_THREADS=1}, the setting the weights were trained with:
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp ... dev.compressor.examples.smalltier.image.TrainingStepBenchmark [network:epochs:batch ...]
 * </pre>
 *
 * <p>Steps run on the graph the trainer trains ({@link SmallTierTrainer#trainingGraph}). Without
 * arguments it measures every network at 64 images per step. Each network gets 3 warm-up
 * steps and 12 measured ones; the median is reported. The training runs of the committed weights
 * shared the two cores with other jobs, so their recorded wall times overstate this machine's cost;
 * this is the side-by-side figure.
 */
public final class TrainingStepBenchmark {

    private static final int WARMUP = 3;
    private static final int STEPS = 12;

    private TrainingStepBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code id:epochs[:batch[:direct]]} per network ({@code direct}: 1x1 convolutions as
     *             direct matrix products, as {@code --direct-1x1} trains them) (default: every network, 1 epoch, batch 64)
     * @throws IOException if the Fashion-MNIST data cannot be read
     */
    public static void main(String[] args) throws IOException {
        ImageSplit train = FashionMnistData.load().train();
        List<String> specs = new ArrayList<>(List.of(args));
        if (specs.isEmpty()) {
            for (SmallNetwork n : SmallNetwork.values()) {
                specs.add(n.id() + ":1:64");
            }
        }
        System.out.printf(Locale.ROOT, "%-13s %6s %6s %12s %10s %14s%n", "network", "batch", "epochs", "s per step",
                "steps", "est. training");
        for (String spec : specs) {
            String[] p = spec.split(":");
            SmallNetwork n = SmallNetwork.byId(p[0]);
            int epochs = p.length > 1 ? Integer.parseInt(p[1]) : 1;
            int batch = p.length > 2 ? Integer.parseInt(p[2]) : 64;
            boolean direct = p.length > 3 && p[3].equals("direct");
            double step = medianStepSeconds(n, train, new TrainingOptions(epochs, batch, 42, SmallNetwork.LEARNING_RATE,
                    direct));
            int steps = epochs * ((train.size() + batch - 1) / batch);
            System.out.printf(Locale.ROOT, "%-13s %6d %6d %12.3f %10d %12.0f s%n", n.id() + (direct ? "+1x1" : ""),
                    batch, epochs, step, steps,
                    step * steps);
        }
    }

    static double medianStepSeconds(SmallNetwork n, ImageSplit train, TrainingOptions options) {
        int batch = options.batchSize();
        ComputationGraph net = SmallTierTrainer.trainingGraph(n.configuration(options.seed(), options.learningRate()),
                options);
        double[] t = new double[STEPS];
        for (int i = 0; i < WARMUP + STEPS; i++) {
            int[] idx = new int[batch];
            for (int k = 0; k < batch; k++) {
                idx[k] = (i * batch + k) % train.size();
            }
            DataSet d = new DataSet(train.images(idx), train.oneHot(idx));
            long t0 = System.nanoTime();
            net.fit(d);
            if (i >= WARMUP) {
                t[i - WARMUP] = (System.nanoTime() - t0) / 1e9;
            }
        }
        java.util.Arrays.sort(t);
        return (t[STEPS / 2 - 1] + t[STEPS / 2]) / 2;
    }
}
