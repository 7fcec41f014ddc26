package dev.compressor.examples.smalltier.text;

import com.google.common.base.Ticker;
import dev.compressor.examples.networks.AttentionNmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Trains the small attention translation model ({@link AttentionNmt} at small sizes) on the training
 * split of a {@link ParallelCorpus} within a wall-clock budget, then scores it with BLEU on test pairs
 * next to the copy-the-source baseline.
 *
 * <p>Vocabularies come from the training split only. Adam with a learning rate halving every
 * {@code halfLife} iterations (a per-iteration schedule, so the weights after N iterations do not
 * depend on the clock), per-layer gradient clipping, length-bucketed minibatches reshuffled each epoch
 * with a {@link Random} seeded from the seed and the epoch, sparse (token-id) labels. Training stops
 * at the end of the iteration that reaches the time budget (or at {@code maxIterations}).
 *
 * <p>Thread-safe (each call builds its own network); the clock is injectable for tests.
 */
public final class SmallNmtTrainer {

    /** Batches per length-sorting pool. */
    public static final int POOL_BATCHES = 32;

    private final Ticker ticker;
    private final Consumer<String> log;

    /**
     * Creates a trainer.
     *
     * @param ticker a monotonic clock in nanoseconds (e.g. {@link Ticker#systemTicker()})
     * @param log receives progress lines
     */
    public SmallNmtTrainer(Ticker ticker, Consumer<String> log) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Trains a model and evaluates it.
     *
     * @param train training pairs
     * @param test test pairs (scored after training)
     * @param testLimit how many leading test pairs to score (at least 1)
     * @param options sizes and training settings
     * @return the trained model with its scores
     */
    public TrainedNmt train(List<SentencePair> train, List<SentencePair> test, int testLimit,
                            NmtTrainingOptions options) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training pairs");
        }
        Tokenizer13a tokenizer = new Tokenizer13a();
        List<List<String>> src = new ArrayList<>();
        List<List<String>> tgt = new ArrayList<>();
        for (SentencePair p : train) {
            src.add(tokenizer.tokenize(p.source()));
            tgt.add(tokenizer.tokenize(p.target()));
        }
        Vocabulary sv = Vocabulary.build(src, options.minCount(), options.sourceVocab());
        Vocabulary tv = Vocabulary.build(tgt, options.minCount(), options.targetVocab());
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < src.size(); i++) {
            int s = src.get(i).size();
            int t = tgt.get(i).size();
            if (s > 0 && t > 0 && s <= options.maxTokens() && t <= options.maxTokens()) {
                pairs.add(new EncodedPair(sv.encode(src.get(i)), tv.encode(tgt.get(i))));
            }
        }
        ComputationGraph net = network(sv.size(), tv.size(), options);
        log.accept(String.format(Locale.ROOT, "nmt: %,d parameters, vocabularies %d/%d, %d of %d training pairs "
                        + "(<= %d tokens), budget %.1f min", net.numParams(), sv.size(), tv.size(), pairs.size(),
                train.size(), options.maxTokens(), options.minutes()));
        long start = ticker.read();
        long budget = (long) (options.minutes() * 60e9);
        int iteration = 0;
        boolean done = false;
        for (int epoch = 0; !done; epoch++) {
            List<List<EncodedPair>> batches = NmtBatches.buckets(pairs, options.batchSize(), POOL_BATCHES,
                    new Random(options.seed() * 1_000_003L + epoch));
            double lossSum = 0;
            int n = 0;
            for (List<EncodedPair> b : batches) {
                net.fit(NmtBatches.batch(b, tv.size(), true));
                lossSum += net.score();
                n++;
                iteration++;
                if (iteration % 100 == 0) {
                    log.accept(String.format(Locale.ROOT, "nmt: epoch %d iteration %d loss %.4f (mean %.4f) %.0f s",
                            epoch + 1, iteration, net.score(), lossSum / n, seconds(start)));
                }
                if (ticker.read() - start >= budget
                        || (options.maxIterations() > 0 && iteration >= options.maxIterations())) {
                    done = true;
                    break;
                }
            }
            log.accept(String.format(Locale.ROOT, "nmt: epoch %d ended at iteration %d, mean loss %.4f (%.0f s)",
                    epoch + 1, iteration, lossSum / Math.max(1, n), seconds(start)));
        }
        double trainSeconds = seconds(start);
        int limit = Math.min(testLimit, test.size());
        long evalStart = ticker.read();
        BleuScore baseline = NmtEvaluator.copyBaseline(test, limit);
        BleuScore bleu = NmtEvaluator.bleu(net, sv, tv, test, limit);
        log.accept(String.format(Locale.ROOT, "nmt: %d iterations in %.0f s; test (%d pairs, decoded in %.0f s) %s; "
                + "copy baseline %s", iteration, trainSeconds, limit, seconds(evalStart), bleu, baseline));
        return new TrainedNmt(net, sv, tv, options, pairs.size(), iteration, trainSeconds, bleu, baseline, limit);
    }

    /**
     * Builds the seeded, untrained network for the options.
     *
     * @param sourceVocab source vocabulary size
     * @param targetVocab target vocabulary size
     * @param options sizes, learning rate, half-life, clipping and seed
     * @return the initialised network
     */
    public static ComputationGraph network(int sourceVocab, int targetVocab, NmtTrainingOptions options) {
        double gamma = Math.pow(0.5, 1.0 / options.halfLife());
        Adam adam = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, options.learningRate(), gamma));
        AttentionNmt.Size size = new AttentionNmt.Size(sourceVocab, targetVocab, options.embedding(),
                options.units(), options.layers());
        ComputationGraph net = new ComputationGraph(
                AttentionNmt.configuration(size, options.seed(), adam, options.clip(), true));
        net.init();
        return net;
    }

    private double seconds(long start) {
        return (ticker.read() - start) / 1e9;
    }
}
