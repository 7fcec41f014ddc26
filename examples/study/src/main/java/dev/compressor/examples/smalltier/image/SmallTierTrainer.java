package dev.compressor.examples.smalltier.image;

import com.google.common.base.Ticker;
import dev.compressor.examples.smalltier.data.ImageSplit;
import dev.compressor.prune.structured.PointwiseConvolutions;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Trains a {@link SmallNetwork} on an image split with a fixed seed: Adam whose learning rate decays
 * linearly to zero over all iterations (depthwise convolutions computed by
 * {@link JavaDepthwiseConvolution2D} during training, the result in the plain configuration), the training examples reshuffled each epoch with a
 * {@link Random} seeded from the options' seed and the epoch number, then top-1/top-5 accuracy on the
 * test split. Same seed, data and options give the same weights on the same machine and backend
 * (DL4J's CPU kernels are deterministic for these layers).
 *
 * <p>Thread-safe (each call builds its own network); the clock is injectable for tests.
 */
public final class SmallTierTrainer {

    /** Training images whose statistics replace the batch-norm running averages after training. */
    public static final int RECALIBRATION_EXAMPLES = 1000;

    private final Ticker ticker;
    private final Ticker cpuTicker;
    private final Consumer<String> log;

    /**
     * Creates a trainer that measures CPU time as this process's CPU time.
     *
     * @param ticker a monotonic clock in nanoseconds (e.g. {@link Ticker#systemTicker()})
     * @param log receives progress lines (loss every 50 iterations, epoch summaries)
     */
    public SmallTierTrainer(Ticker ticker, Consumer<String> log) {
        this(ticker, new Ticker() {
            @Override
            public long read() {
                return processCpuNanos();
            }
        }, log);
    }

    /**
     * Creates a trainer.
     *
     * @param ticker a monotonic clock in nanoseconds (e.g. {@link Ticker#systemTicker()})
     * @param cpuTicker CPU time consumed so far, in nanoseconds (the process's, on a shared machine the
     *                 fair measure of training cost: wall time there includes other people's work)
     * @param log receives progress lines (loss every 50 iterations, epoch summaries)
     */
    public SmallTierTrainer(Ticker ticker, Ticker cpuTicker, Consumer<String> log) {
        this.ticker = java.util.Objects.requireNonNull(ticker, "ticker");
        this.cpuTicker = java.util.Objects.requireNonNull(cpuTicker, "cpuTicker");
        this.log = java.util.Objects.requireNonNull(log, "log");
    }

    /** This JVM's CPU time in nanoseconds (all threads), or -1 where the platform does not report it. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Trains one network and evaluates it.
     *
     * @param which the network
     * @param train the training examples
     * @param test the held-out examples
     * @param options epochs, batch size, seed, learning rate
     * @return the trained network with its test accuracy and training time
     */
    public TrainedNetwork train(SmallNetwork which, ImageSplit train, ImageSplit test, TrainingOptions options) {
        int perEpoch = (train.size() + options.batchSize() - 1) / options.batchSize();
        int iterations = perEpoch * options.epochs();
        ComputationGraphConfiguration conf = which.configuration(options.seed(), options.learningRate());
        ComputationGraph net = trainingGraph(conf, options);
        net.setLearningRate(new PolySchedule(ScheduleType.ITERATION, options.learningRate(), 1.0, iterations));
        log.accept(String.format(Locale.ROOT, "%s: %,d parameters, %d epochs x %d iterations of %d",
                which.id(), net.numParams(), options.epochs(), perEpoch, options.batchSize()));
        long start = ticker.read();
        long cpuStart = cpuTicker.read();
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int iteration = 0;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            shuffle(order, new Random(options.seed() * 1_000_003L + epoch));
            double lossSum = 0;
            for (int b = 0; b < perEpoch; b++) {
                int from = b * options.batchSize();
                int n = Math.min(options.batchSize(), order.length - from);
                int[] idx = java.util.Arrays.copyOfRange(order, from, from + n);
                net.fit(new DataSet(train.images(idx), train.oneHot(idx)));
                lossSum += net.score();
                iteration++;
                if (iteration % 50 == 0) {
                    log.accept(String.format(Locale.ROOT, "%s: epoch %d iteration %d/%d loss %.4f (%.0f s)",
                            which.id(), epoch + 1, iteration, iterations, net.score(), seconds(start)));
                }
            }
            log.accept(String.format(Locale.ROOT, "%s: epoch %d mean loss %.4f (%.0f s)",
                    which.id(), epoch + 1, lossSum / perEpoch, seconds(start)));
        }
        net = plainCopy(conf, net);
        int recalibrated = BatchNormRecalibration.recalibrate(net, train.first(Math.min(RECALIBRATION_EXAMPLES, train.size())));
        if (recalibrated > 0) {
            log.accept(String.format(Locale.ROOT, "%s: batch-norm statistics of %d layers recalibrated on %d training images (%.0f s)",
                    which.id(), recalibrated, Math.min(RECALIBRATION_EXAMPLES, train.size()), seconds(start)));
        }
        double trainSeconds = seconds(start);
        double cpuSeconds = (cpuTicker.read() - cpuStart) / 1e9;
        TopKAccuracy acc = ImageEvaluator.evaluate(net, test, 500);
        log.accept(String.format(Locale.ROOT, "%s: test %s after %.0f s of training (%.0f CPU s)", which.id(), acc,
                trainSeconds, cpuSeconds));
        return new TrainedNetwork(which, net, options, train.size(), acc, trainSeconds, cpuSeconds);
    }

    /**
     * The graph that is trained: the network's configuration with its depthwise convolutions computed
     * by {@link JavaDepthwiseConvolution2D} (bit-identical results, measured 2.4x faster MobileNet
     * steps) and, if the options ask for it, its 1x1 convolutions by compressor-prune's
     * {@link PointwiseConvolutions#directGemm direct matrix products}; initialised with the
     * configuration's seeded weights.
     *
     * @param conf the network's configuration
     * @param options the training options
     * @return an initialised graph
     */
    static ComputationGraph trainingGraph(ComputationGraphConfiguration conf, TrainingOptions options) {
        ComputationGraph net = new ComputationGraph(JavaDepthwiseConvolution2D.trainingCopy(conf));
        net.init();
        return options.directPointwise() ? PointwiseConvolutions.directGemm(net) : net;
    }

    /** The trained parameters in a graph of the plain configuration (DL4J's own layers throughout). */
    private static ComputationGraph plainCopy(ComputationGraphConfiguration conf, ComputationGraph trained) {
        ComputationGraph plain = new ComputationGraph(conf);
        plain.init(trained.params().dup(), false);
        return plain;
    }

    private double seconds(long start) {
        return (ticker.read() - start) / 1e9;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
