package dev.compressor.api.recalibration;

import com.google.common.base.Ticker;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorState;
import dev.compressor.api.encoding.DenseEncoders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batch-normalisation recalibration without training: recomputes the running mean and variance of
 * every {@code BatchNormalization} layer from unlabelled inputs, so that after pruning or
 * quantization the stored statistics describe the activations the compressed weights produce.
 * Layers are taken in the order an inference pass reaches them; each one's statistics are the
 * per-channel mean and population variance of its input over all given examples (and spatial
 * positions), measured by an inference pass in which the layers before it already use their new
 * statistics. Gamma, beta and every other parameter stay as they are. A few hundred examples are
 * usually enough.
 *
 * <p>Cost: one partial inference pass over the inputs per batch normalisation layer;
 * {@link #inOnePass()} trades a little exactness for one forward pass in all.
 *
 * <p>Use it on a network directly ({@link #recalibrate(Model)}, in place) or as the last step of a
 * pipeline, so the artifact carries the new statistics (stored as exact fp32):
 * <pre>{@code
 * BatchNormRecalibration bn = BatchNormRecalibration.from(trainIterator, 512);   // labels ignored
 * CompressionResult r = Quantization.int8PerChannel().then(bn).compress(network);
 * bn.recalibrate(prunedNetwork);                                                   // or in place
 * }</pre>
 *
 * <p>Immutable; the inputs are copied when it is created. Thread-safe, but a network must not be
 * used by another thread while it is recalibrated.
 */
public final class BatchNormRecalibration implements Compressor {

    /** Rows per inference pass when the inputs are given as whole arrays. */
    static final int BATCH = 64;

    /** The parameter keys of running statistics (the variance is stored as one of the last two). */
    private static final Set<String> STATISTICS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private final List<INDArray[]> batches;
    private final int examples;
    private final Ticker ticker;
    private final boolean onePass;

    private BatchNormRecalibration(List<INDArray[]> batches, int examples, Ticker ticker, boolean onePass) {
        this.batches = batches;
        this.examples = examples;
        this.ticker = ticker;
        this.onePass = onePass;
    }

    /**
     * The same recalibration measured in one training-mode forward pass over all the examples as a
     * single batch, with dropout off, when their activations fit in {@value OnePassForward#MAX_BYTES}
     * bytes (otherwise as before): every batch normalisation normalises with the statistics of the
     * whole set, so one pass gives each layer the input it sees at inference once the layers before
     * it hold their new statistics. Many times faster than the exact method (one partial inference
     * pass per layer), and not quite equal to it: DL4J normalises slightly differently in training
     * and inference mode (measured 2e-3 relative in a mean downstream of a batch norm). For
     * recalibrating often, such as after each pruning step while training.
     *
     * @return the one-pass recalibration
     */
    public BatchNormRecalibration inOnePass() {
        return new BatchNormRecalibration(batches, examples, ticker, true);
    }

    /**
     * Recalibration on these inputs.
     *
     * @param inputs one array per network input (one for a MultiLayerNetwork), each with the examples
     *     along dimension 0 and the same number of them; copied
     * @return the recalibration
     * @throws IllegalArgumentException if there is no input, no example, or the counts differ
     */
    public static BatchNormRecalibration of(INDArray... inputs) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("need at least one input array, got none");
        }
        long n = Objects.requireNonNull(inputs[0], "inputs[0]").size(0);
        for (int i = 0; i < inputs.length; i++) {
            if (Objects.requireNonNull(inputs[i], "inputs[" + i + "]").size(0) != n) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].size(0) + " examples, input 0 "
                        + n);
            }
        }
        if (n < 1) {
            throw new IllegalArgumentException("need at least one example, got " + n);
        }
        List<INDArray[]> batches = new ArrayList<>();
        for (long from = 0; from < n; from += BATCH) {
            batches.add(rows(inputs, from, Math.min(n, from + BATCH)));
        }
        return new BatchNormRecalibration(Collections.unmodifiableList(batches), (int) n, Ticker.systemTicker(), false);
    }

    /**
     * Recalibration on the first examples of a data set (features only; labels are ignored). The
     * iterator is reset before reading if it supports that, and again afterwards, so that it can
     * then be used for training.
     *
     * @param data the inputs
     * @param maxExamples how many examples to read at most, at least 1
     * @return the recalibration
     * @throws IllegalArgumentException if maxExamples is below 1 or the iterator has no example
     */
    public static BatchNormRecalibration from(DataSetIterator data, int maxExamples) {
        Objects.requireNonNull(data, "data");
        requirePositive(maxExamples);
        List<INDArray[]> batches = new ArrayList<>();
        int n = 0;
        resetIfSupported(data.resetSupported(), data::reset);
        while (n < maxExamples && data.hasNext()) {
            DataSet d = data.next();
            n += take(batches, new INDArray[] {d.getFeatures()}, maxExamples - n);
        }
        resetIfSupported(data.resetSupported(), data::reset);
        return of(batches, n);
    }

    /**
     * Recalibration on the first examples of a multi-input data set (features only). The iterator
     * is reset before and after reading if it supports that.
     *
     * @param data the inputs, one features array per network input
     * @param maxExamples how many examples to read at most, at least 1
     * @return the recalibration
     * @throws IllegalArgumentException if maxExamples is below 1 or the iterator has no example
     */
    public static BatchNormRecalibration from(MultiDataSetIterator data, int maxExamples) {
        Objects.requireNonNull(data, "data");
        requirePositive(maxExamples);
        List<INDArray[]> batches = new ArrayList<>();
        int n = 0;
        resetIfSupported(data.resetSupported(), data::reset);
        while (n < maxExamples && data.hasNext()) {
            MultiDataSet d = data.next();
            n += take(batches, d.getFeatures(), maxExamples - n);
        }
        resetIfSupported(data.resetSupported(), data::reset);
        return of(batches, n);
    }

    /**
     * The same recalibration timed by another ticker.
     *
     * @param ticker the clock {@link Recalibration#nanos()} is read from
     * @return the new recalibration
     */
    public BatchNormRecalibration withTicker(Ticker ticker) {
        return new BatchNormRecalibration(batches, examples, Objects.requireNonNull(ticker, "ticker"), onePass);
    }

    /**
     * The number of examples the statistics are measured on.
     *
     * @return the count, at least 1
     */
    public int examples() {
        return examples;
    }

    /**
     * Recomputes the running statistics of every batch normalisation layer of a network, in place.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph whose inputs these are
     * @return the layers recalibrated (none if the network has no batch normalisation)
     * @throws IllegalArgumentException if the network is of another kind, not initialised, or the
     *     inputs do not fit it
     */
    public Recalibration recalibrate(Model network) {
        long t0 = ticker.read();
        List<String> names = new ArrayList<>();
        List<BatchNormSite> sites = BatchNormSite.of(network);
        if (onePass && !sites.isEmpty() && OnePassForward.fits(network, batches.get(0), examples)) {
            INDArray[] all = OnePassForward.concat(batches);
            OnePassForward pass = OnePassForward.run(network, all);
            for (BatchNormSite site : sites) {
                ChannelMoments moments = new ChannelMoments(site.channels());
                moments.add(site.inputFrom(all, pass.graphActivations(), pass.layerActivations()), site.format());
                site.write(moments.mean(), moments.variance());
                names.add(site.name());
            }
            return new Recalibration(names, examples, ticker.read() - t0);
        }
        for (BatchNormSite site : sites) {
            ChannelMoments moments = new ChannelMoments(site.channels());
            for (INDArray[] batch : batches) {
                moments.add(site.input(batch), site.format());
            }
            site.write(moments.mean(), moments.variance());
            names.add(site.name());
        }
        return new Recalibration(names, examples, ticker.read() - t0);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "bn-recalibration(%d examples)", examples);
    }

    /**
     * Recalibrates the state's network (with its current values) and stores the new running
     * statistics as exact fp32; every other tensor keeps its values and encoder.
     *
     * @param state the network so far
     * @return the state with the new statistics and this step recorded
     */
    @Override
    public CompressionState apply(CompressionState state) {
        Model network = state.toNetwork();
        recalibrate(network);
        float[] flat = network.params().dup('c').data().asFloat();
        CompressionState out = state;
        for (TensorState t : state.tensors()) {
            if (t.info().layerType().equals("BatchNormalization") && STATISTICS.contains(t.info().paramKey())) {
                float[] v = new float[t.info().length()];
                System.arraycopy(flat, (int) t.info().flatOffset(), v, 0, v.length);
                out = out.withTensor(t.withValues(v, DenseEncoders.f32()));
            }
        }
        return out.withStep(describe());
    }

    private static BatchNormRecalibration of(List<INDArray[]> batches, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the iterator gave no example to recalibrate on");
        }
        return new BatchNormRecalibration(Collections.unmodifiableList(batches), n, Ticker.systemTicker(), false);
    }

    private static int take(List<INDArray[]> batches, INDArray[] features, int room) {
        long n = features[0].size(0);
        long k = Math.min(n, room);
        batches.add(rows(features, 0, k));
        return (int) k;
    }

    private static INDArray[] rows(INDArray[] arrays, long from, long to) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            INDArray a = arrays[i];
            INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
            idx[0] = NDArrayIndex.interval(from, to);
            for (int d = 1; d < idx.length; d++) {
                idx[d] = NDArrayIndex.all();
            }
            out[i] = a.get(idx).dup();
        }
        return out;
    }

    private static void requirePositive(int maxExamples) {
        if (maxExamples < 1) {
            throw new IllegalArgumentException("maxExamples must be >= 1, got " + maxExamples);
        }
    }

    private static void resetIfSupported(boolean supported, Runnable reset) {
        if (supported) {
            reset.run();
        }
    }
}
