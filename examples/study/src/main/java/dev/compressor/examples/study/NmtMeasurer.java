package dev.compressor.examples.study;

import com.google.common.base.Ticker;
import dev.compressor.api.training.FineTuningBudget;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.smalltier.text.BleuScore;
import dev.compressor.examples.smalltier.text.EncodedPair;
import dev.compressor.examples.smalltier.text.LoadedNmt;
import dev.compressor.examples.smalltier.text.NmtBatches;
import dev.compressor.examples.smalltier.text.NmtCorpus;
import dev.compressor.examples.smalltier.text.NmtEvaluator;
import dev.compressor.examples.smalltier.text.NmtForward;
import dev.compressor.examples.smalltier.text.NmtTrainingOptions;
import dev.compressor.examples.smalltier.text.NmtWeights;
import dev.compressor.examples.smalltier.text.ParallelCorpus;
import dev.compressor.examples.smalltier.text.SentenceFilter;
import dev.compressor.examples.smalltier.text.SentencePair;
import dev.compressor.examples.smalltier.text.SmallNmtTrainer;
import dev.compressor.examples.smalltier.text.Tokenizer13a;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the translation model's small-tier cells ({@code nmt/<setting>/small}) in this JVM and
 * appends each to a store: loads the trained model and the German catalogs once, scores the
 * uncompressed model (corpus BLEU, greedy decoding, {@link NmtEvaluator}) and the copy-the-source
 * baseline on the first {@code testExamples} test pairs, then per setting compresses the graph
 * (settings that calibrate activations get the graph's inputs for the first
 * {@value #CALIBRATION_PAIRS} <em>training</em> pairs, one padded batch from {@link NmtBatches},
 * never test pairs), writes the artifact, restores it from its zstd bytes in the setting's runtime
 * mode and scores it on the same pairs with the same decoder. A failing cell is recorded with its
 * error and the next one goes on; structured channel pruning ({@code channel25}, {@code channel50}),
 * which finds nothing to remove in the LSTM/attention graph, is recorded as not applicable rather
 * than measure fp32 again. Not thread-safe.
 */
final class NmtMeasurer {

    private static final Logger LOG = LoggerFactory.getLogger(NmtMeasurer.class);

    /** Training pairs whose encoded inputs calibrate activation quantization. */
    static final int CALIBRATION_PAIRS = 256;

    private final int testExamples;
    private final Path weightsDir;
    private final Path catalogDir;
    private final Path workDir;
    private final Ticker ticker;
    private final Map<String, String> hostProvenance;
    private final boolean retryFailed;
    private final FineTuningBudget fineTuningBudget;

    /**
     * Creates a measurer.
     *
     * @param testExamples test pairs scored per cell, 0 for the whole test split
     * @param weightsDir directory of trained weights, or null for the committed ones on the classpath
     * @param catalogDir directory of German {@code .mo} catalogs
     * @param workDir scratch folder
     * @param ticker clock for the compression and load times
     * @param hostProvenance provenance of this machine and JVM
     * @param retryFailed whether cells recorded as failed are measured again
     * @param fineTuningBudget the most each fine-tuned cell may train
     */
    NmtMeasurer(int testExamples, Path weightsDir, Path catalogDir, Path workDir, Ticker ticker,
                Map<String, String> hostProvenance, boolean retryFailed, FineTuningBudget fineTuningBudget) {
        if (testExamples < 0) {
            throw new IllegalArgumentException("testExamples must be >= 0 (0 = all), got " + testExamples);
        }
        this.testExamples = testExamples;
        this.weightsDir = weightsDir;
        this.catalogDir = java.util.Objects.requireNonNull(catalogDir, "catalogDir");
        this.workDir = workDir;
        this.ticker = ticker;
        this.hostProvenance = Map.copyOf(hostProvenance);
        this.retryFailed = retryFailed;
        this.fineTuningBudget = java.util.Objects.requireNonNull(fineTuningBudget, "fineTuningBudget");
    }

    /**
     * The learning rate fine-tunings start from: the initial rate the model was trained with; each
     * fine-tuning records the share it uses.
     */
    static final double FINE_TUNING_LEARNING_RATE = NmtTrainingOptions.DEFAULT.learningRate();
    /** Seed of the fine-tuning minibatches' order. */
    static final long FINE_TUNING_SEED = 42;

    /**
     * The training pairs as padded minibatches, in length buckets as the model was trained
     * ({@link NmtBatches#buckets}, one fixed order from the seed), for fine-tuned cells.
     *
     * @param train the training pairs
     * @param nmt the model and its vocabularies
     * @return a resettable iterator
     */
    static MultiDataSetIterator trainingBatches(List<SentencePair> train, LoadedNmt nmt) {
        Tokenizer13a tok = new Tokenizer13a();
        int maxTokens = NmtTrainingOptions.DEFAULT.maxTokens();
        List<EncodedPair> pairs = new ArrayList<>();
        for (SentencePair p : train) {
            EncodedPair e = EncodedPair.of(p, tok, nmt.sourceVocab(), nmt.targetVocab());
            if (e.source().length > 0 && e.target().length > 0 && e.source().length <= maxTokens
                    && e.target().length <= maxTokens) {
                pairs.add(e);
            }
        }
        List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new ArrayList<>();
        for (List<EncodedPair> b : NmtBatches.buckets(pairs, NmtTrainingOptions.DEFAULT.batchSize(),
                SmallNmtTrainer.POOL_BATCHES, new java.util.Random(FINE_TUNING_SEED))) {
            batches.add(NmtBatches.batch(b, nmt.targetVocab().size(), true));
        }
        return new MultiDataSetList(batches);
    }

    /** What every cell shares: the model, the pairs and the fp32 scores. */
    private record Baseline(LoadedNmt nmt, List<SentencePair> train, List<SentencePair> test, BleuScore fp32,
                            BleuScore copy, long referenceBytes, Map<String, String> weights, String source) {
    }

    /**
     * Measures the missing cells into the store; never throws for a failing cell.
     *
     * @param settings the settings to measure
     * @param store the result store
     * @throws IOException if the store cannot be written
     */
    void measure(List<Setting> settings, ResultStore store) throws IOException {
        List<Setting> todo = settings.stream()
                .filter(s -> !(retryFailed ? store.succeeded(key(s)) : store.contains(key(s)))).toList();
        if (todo.isEmpty()) {
            return;
        }
        Baseline base;
        try {
            base = baseline();
        } catch (Throwable e) {
            for (Setting s : todo) {
                store.append(CellRecord.failed(key(s), "loading the trained translation model, the catalogs or "
                        + "the fp32 BLEU failed: " + NetworkMeasurer.describe(e)));
            }
            return;
        }
        INDArray[] calibration = null;
        Baseline b0 = base;
        FineTuningInputs fineTuning = new FineTuningInputs(
                com.google.common.base.Suppliers.memoize(() -> trainingBatches(b0.train(), b0.nmt()))::get,
                fineTuningBudget, FINE_TUNING_LEARNING_RATE);
        for (Setting s : todo) {
            CellRecord r;
            try {
                LOG.info("measuring {}", key(s));
                if (s.needsCalibration() && calibration == null) {
                    calibration = calibration(base.train(), base.nmt());
                }
                r = cell(key(s), s, base, calibration, fineTuning);
            } catch (Throwable e) { // record any failure of one cell and go on
                LOG.warn("cell {} not measured: {}", key(s), e.toString());
                r = NetworkMeasurer.unmeasured(key(s), e);
            }
            store.append(r);
        }
    }

    static CellKey key(Setting setting) {
        return new CellKey(NmtSubject.ID, setting.id(), CellRecord.SMALL_TIER);
    }

    private Baseline baseline() throws IOException {
        Optional<LoadedNmt> loaded = weightsDir == null ? NmtWeights.fromClasspath() : NmtWeights.fromDirectory(weightsDir);
        if (loaded.isEmpty()) {
            throw new IOException("no trained translation model (" + NmtWeights.MODEL + ") "
                    + (weightsDir == null ? "on the classpath" : "in " + weightsDir));
        }
        LoadedNmt nmt = loaded.get();
        List<Path> files = NmtSubject.catalogs(catalogDir);
        if (files.isEmpty()) {
            throw new IOException("no German catalogs (*.mo) in " + catalogDir);
        }
        ParallelCorpus corpus = ParallelCorpus.fromCatalogs(files, new SentenceFilter(NmtCorpus.MAX_WORDS),
                NmtCorpus.SPLIT_SEED, NmtCorpus.TEST_FRACTION);
        if (corpus.test().isEmpty()) {
            throw new IOException("the catalogs in " + catalogDir + " give no test pairs");
        }
        int n = testExamples == 0 ? corpus.test().size() : Math.min(testExamples, corpus.test().size());
        List<SentencePair> test = corpus.test().subList(0, n);
        String source = files.size() + " catalogs in " + catalogDir;
        LOG.info("{}: {}, {} test pairs of {}", NmtSubject.ID, source, n, corpus.test().size());
        BleuScore fp32 = NmtEvaluator.bleu(nmt.graph(), nmt.sourceVocab(), nmt.targetVocab(), test, n);
        BleuScore copy = NmtEvaluator.copyBaseline(test, n);
        LOG.info("{}: fp32 {}; copy baseline {}", NmtSubject.ID, fp32, copy);
        Path ref = workDir.resolve(NmtSubject.ID + "-fp32-modelserializer.zip");
        ModelSerializer.writeModel(nmt.graph(), ref.toFile(), false);
        long referenceBytes = Files.size(ref);
        Files.delete(ref);
        return new Baseline(nmt, corpus.train(), test, fp32, copy, referenceBytes,
                WeightsProvenance.of(NmtSubject.ID, weightsDir), source);
    }

    /**
     * The graph's inputs ({@code source}, {@code target_in}) for the first {@value #CALIBRATION_PAIRS}
     * training pairs that fit the trainer's token limit, as one right-padded batch. The activation
     * quantizer's forward pass takes inputs without masks, so padded positions are observed too.
     */
    static INDArray[] calibration(List<SentencePair> train, LoadedNmt nmt) {
        Tokenizer13a tok = new Tokenizer13a();
        int maxTokens = NmtTrainingOptions.DEFAULT.maxTokens();
        List<EncodedPair> pairs = new ArrayList<>();
        for (SentencePair p : train) {
            if (pairs.size() == CALIBRATION_PAIRS) {
                break;
            }
            try {
                EncodedPair e = EncodedPair.of(p, tok, nmt.sourceVocab(), nmt.targetVocab());
                if (e.source().length <= maxTokens && e.target().length <= maxTokens) {
                    pairs.add(e);
                }
            } catch (IllegalArgumentException e) {
                // a side without tokens: not a calibration input
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalStateException("no training pair to calibrate activations on (" + train.size()
                    + " training pairs)");
        }
        return NmtBatches.batch(pairs, nmt.targetVocab().size(), true).getFeatures();
    }

    private CellRecord cell(CellKey key, Setting setting, Baseline base, INDArray[] calibration,
            FineTuningInputs fineTuning) throws Exception {
        ComputationGraph trained = base.nmt().graph();
        CompressedCell c = CompressedCell.of(trained, setting, calibration, fineTuning, ticker);
        ComputationGraph restored = c.restored();
        String description = c.description();
        Map<String, String> provenance = new LinkedHashMap<>(c.artifactProvenance());
        provenance.putAll(hostProvenance);
        provenance.putAll(base.weights());
        try {
            BleuScore b = NmtEvaluator.bleu(NmtForward.of(restored), base.nmt().sourceVocab(),
                    base.nmt().targetVocab(), base.test(), base.test().size());
            CellRecord.Translation t = new CellRecord.Translation(b.score(), base.fp32().score(), base.copy().score(),
                    base.test().size(), base.source(), b.toString());
            return new CellRecord(key, null, description, trained.numParams(), base.referenceBytes(),
                    c.artifactBytes(), c.compressionNanos(), c.loadNanos(), -1, -1, -1, null, null, null, null,
                    provenance, null, t, null, null);
        } finally {
            restored.close();
        }
    }
}
