package dev.compressor.examples.study;

import com.google.common.base.Suppliers;
import com.google.common.base.Ticker;
import dev.compressor.api.training.FineTuningBudget;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import dev.compressor.examples.smalltier.image.ImageEvaluator;
import dev.compressor.examples.smalltier.image.SmallNetwork;
import dev.compressor.examples.smalltier.image.SmallTierWeights;
import dev.compressor.examples.smalltier.image.TopKAccuracy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one small-tier network's cells in this JVM and appends each to a store: loads the
 * trained weights and the Fashion-MNIST data once, evaluates the uncompressed network on the first
 * {@code testExamples} test images, then per setting compresses (settings that calibrate get the
 * first {@value #CALIBRATION_EXAMPLES} training images, never test images), writes the artifact,
 * restores it from its bytes in the setting's runtime mode and evaluates top-1/top-5 on the same
 * test images. A failing cell is recorded with its error and the next one goes on. Not thread-safe.
 */
final class SmallTierMeasurer {

    private static final Logger LOG = LoggerFactory.getLogger(SmallTierMeasurer.class);

    /** Training images given to settings that calibrate activations. */
    static final int CALIBRATION_EXAMPLES = 256;
    /** Test images per forward pass. */
    static final int BATCH = 500;
    /** Training examples per minibatch when fine-tuning (the batch the weights were trained with). */
    static final int FINE_TUNING_BATCH = 64;
    /** Seed of the fine-tuning minibatches' order. */
    static final long FINE_TUNING_SEED = 42;
    /**
     * The learning rate fine-tunings start from: the initial rate the small networks were trained with
     * ({@link SmallNetwork#LEARNING_RATE}); each fine-tuning records the share it uses.
     */
    static final double FINE_TUNING_LEARNING_RATE = SmallNetwork.LEARNING_RATE;

    private final int testExamples;
    private final Path weightsDir;
    private final Path workDir;
    private final Ticker ticker;
    private final Map<String, String> hostProvenance;
    private final boolean retryFailed;
    private final FineTuningBudget fineTuningBudget;

    /**
     * Creates a measurer.
     *
     * @param testExamples test images evaluated per cell, 0 for the whole test split
     * @param weightsDir directory of trained weights, or null for the committed ones
     * @param workDir scratch folder
     * @param ticker clock for the compression and load times
     * @param hostProvenance provenance of this machine and JVM
     * @param retryFailed whether cells recorded as failed are measured again
     * @param fineTuningBudget the most each fine-tuned cell may train
     */
    SmallTierMeasurer(int testExamples, Path weightsDir, Path workDir, Ticker ticker,
                      Map<String, String> hostProvenance, boolean retryFailed, FineTuningBudget fineTuningBudget) {
        if (testExamples < 0) {
            throw new IllegalArgumentException("testExamples must be >= 0 (0 = all), got " + testExamples);
        }
        this.testExamples = testExamples;
        this.weightsDir = weightsDir;
        this.workDir = workDir;
        this.ticker = ticker;
        this.hostProvenance = Map.copyOf(hostProvenance);
        this.retryFailed = retryFailed;
        this.fineTuningBudget = Objects.requireNonNull(fineTuningBudget, "fineTuningBudget");
    }

    /**
     * Measures the network's missing cells into the store; never throws for a failing cell.
     *
     * @param network the small network
     * @param settings the settings to measure
     * @param store the result store
     * @throws IOException if the store cannot be written
     */
    void measure(SmallNetwork network, List<Setting> settings, ResultStore store) throws IOException {
        ComputationGraph trained;
        FashionMnistData data;
        ImageSplit test;
        TopKAccuracy fp32;
        long referenceBytes;
        Map<String, String> weights;
        try {
            Optional<ComputationGraph> g = weightsDir == null ? SmallTierWeights.fromClasspath(network)
                    : SmallTierWeights.fromDirectory(network, weightsDir);
            if (g.isEmpty()) {
                throw new IOException("no trained weights for " + network.id()
                        + (weightsDir == null ? " on the classpath" : " in " + weightsDir));
            }
            trained = g.get();
            weights = WeightsProvenance.of(network.id(), weightsDir);
            data = FashionMnistData.load();
            test = testExamples == 0 || testExamples >= data.test().size() ? data.test() : data.test().first(testExamples);
            LOG.info("{}: Fashion-MNIST from {}, {} test images", network.id(), data.source(), test.size());
            fp32 = ImageEvaluator.evaluate(trained, test, BATCH);
            Path ref = workDir.resolve(network.id() + "-fp32-modelserializer.zip");
            ModelSerializer.writeModel(trained, ref.toFile(), false);
            referenceBytes = Files.size(ref);
            Files.delete(ref);
        } catch (Throwable e) {
            for (Setting s : settings) {
                store.append(CellRecord.failed(key(network, s),
                        "loading the trained network, the data or the fp32 accuracy failed: "
                                + NetworkMeasurer.describe(e)));
            }
            return;
        }
        INDArray[] calibration = {data.train().images(0, Math.min(CALIBRATION_EXAMPLES, data.train().size()))};
        FineTuningInputs fineTuning = new FineTuningInputs(
                Suppliers.memoize(() -> trainingBatches(data.train(), FINE_TUNING_BATCH, FINE_TUNING_SEED))::get,
                fineTuningBudget, FINE_TUNING_LEARNING_RATE);
        for (Setting s : settings) {
            CellKey key = key(network, s);
            if (retryFailed ? store.succeeded(key) : store.contains(key)) {
                continue;
            }
            CellRecord r;
            try {
                LOG.info("measuring {}", key);
                r = cell(key, trained, s, calibration, fineTuning, test, fp32, referenceBytes, weights, data.source());
            } catch (Throwable e) { // record any failure of one cell and go on
                LOG.warn("cell {} not measured: {}", key, e.toString());
                r = NetworkMeasurer.unmeasured(key, e);
            }
            store.append(r);
        }
    }

    static CellKey key(SmallNetwork network, Setting setting) {
        return new CellKey(network.id(), setting.id(), CellRecord.SMALL_TIER);
    }

    /**
     * The training split as shuffled minibatches (one fixed order, from the seed), for fine-tuned cells.
     *
     * @param train the training split
     * @param batch examples per minibatch
     * @param seed the shuffle's seed
     * @return a resettable iterator
     */
    static MultiDataSetIterator trainingBatches(ImageSplit train, int batch, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batch) {
            int[] idx = order.subList(from, Math.min(order.size(), from + batch)).stream().mapToInt(Integer::intValue)
                    .toArray();
            batches.add(new MultiDataSet(train.images(idx), train.oneHot(idx)));
        }
        return new MultiDataSetList(batches);
    }

    private CellRecord cell(CellKey key, ComputationGraph trained, Setting setting, INDArray[] calibration,
                            FineTuningInputs fineTuning, ImageSplit test, TopKAccuracy fp32, long referenceBytes,
                            Map<String, String> weights, String dataSource) throws Exception {
        CompressedCell c = CompressedCell.of(trained, setting, calibration, fineTuning, ticker);
        ComputationGraph restored = c.restored();
        Map<String, String> provenance = new LinkedHashMap<>(c.artifactProvenance());
        provenance.putAll(hostProvenance);
        provenance.putAll(weights);
        try {
            TopKAccuracy acc = ImageEvaluator.evaluate(restored, test, BATCH);
            CellRecord.Accuracy a = new CellRecord.Accuracy(acc.top1(), acc.top5(), fp32.top1(), fp32.top5(),
                    test.size(), dataSource);
            return new CellRecord(key, null, c.description(), trained.numParams(), referenceBytes,
                    c.artifactBytes(), c.compressionNanos(), c.loadNanos(), -1, -1, -1, null, null, null, null,
                    provenance, a);
        } finally {
            restored.close();
        }
    }
}
