package dev.compressor.quant;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.internal.NetworkIO;
import dev.compressor.api.tensor.TensorInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Quantization-aware training (QAT) on DL4J's own training loop: {@link #prepare} makes the
 * network's forward pass use fake-quantized weights (and, optionally, activations), the caller
 * trains it with {@code fit} and their own data, and {@link #compress} then writes it with the
 * matching post-training {@link LinearQuantizer}, which yields exactly the weights the training
 * simulated. The artifact and the resident runtime are those of post-training quantization.
 *
 * <pre>{@code
 * QuantizationAwareTraining qat = QuantizationAwareTraining.builder(4).build();
 * qat.prepare(net);                 // net: an initialised MultiLayerNetwork or ComputationGraph
 * net.fit(trainIterator, 2);        // straight-through gradients update the fp32 weights
 * CompressionResult r = qat.compress(net);
 * r.artifact().write(path);
 * }</pre>
 *
 * <p><b>Weights.</b> Each selected weight tensor (by default every weight of dense, output,
 * convolution, depthwise, separable and recurrent layers, as {@link Quantization#linear(int)}
 * selects them) is fake-quantized through DL4J's weight-noise hook ({@code IWeightNoise}): each time
 * the layer reads the tensor, in training and at inference, it gets the values the post-training
 * quantizer would store for the current fp32 values (the same code: grid, observer, channel split
 * and per-tensor fallback per channel). The gradient computed against those values is applied to
 * the fp32 weights unchanged: the straight-through estimator. Layers that read their weights without
 * that hook (DL4J 1.0.0-M2.1: {@code Convolution1DLayer}, embeddings, wrapper layers such as
 * {@code Bidirectional}) are refused with a message naming them; skip them with
 * {@link Builder#skipLayers}.
 *
 * <p><b>Scales are observed, not learned.</b> The clipping range of every channel is observed
 * afresh from the current weights at each step, by default with the min-max observer that
 * post-training quantization uses. A learned scale (LSQ, PACT) can fit better at 2 bits, but its
 * values would have to travel in a new artifact field or quantizer; observed scales keep the
 * guarantee that compressing after training reproduces the training's codes exactly, with nothing
 * new in the artifact or the runtime. Training adapts the weights to the grid instead.
 *
 * <p><b>Activations</b> ({@link Builder#activations}): the output of every layer with an activation
 * function, except output layers, is rounded onto a per-tensor grid ({@code FakeQuantActivation},
 * gradient passed straight through). The grids are calibrated once, in {@link #prepare}, by
 * {@link ActivationQuantizer} on the given inputs through the fake-quantized weights, and stay fixed
 * during training so that the artifact carries exactly the grids the training used (call
 * {@code prepare} again to recalibrate). Such an artifact needs this module on the class path.
 *
 * <p>Create with {@link #builder(int)}. Immutable and thread-safe; {@link #prepare} changes the
 * network it is given and must not run while that network is used.
 */
public final class QuantizationAwareTraining {

    /** Fewest weight bits accepted. */
    public static final int MIN_BITS = 2;
    /** Most weight bits accepted. */
    public static final int MAX_BITS = 8;

    private final int bits;
    private final QuantScheme scheme;
    private final Granularity granularity;
    private final Observer observer;
    private final Targets targets;
    private final ActivationQuantizer activations;

    private QuantizationAwareTraining(Builder b) {
        this.bits = b.bits;
        this.scheme = b.scheme;
        this.granularity = b.granularity;
        this.observer = b.observer;
        this.targets = b.targets;
        this.activations = b.activations;
    }

    /**
     * A builder with defaults: symmetric, per output channel, min-max observer, weights only, no
     * activation quantization.
     *
     * @param bits bits per weight, {@value #MIN_BITS}..{@value #MAX_BITS}
     * @return the builder
     * @throws IllegalArgumentException if {@code bits} is out of range, naming it
     */
    public static Builder builder(int bits) {
        return new Builder().bits(bits);
    }

    /**
     * The post-training quantizer with these settings: applied to a network trained after
     * {@link #prepare}, it stores exactly the weights the training's forward pass used.
     *
     * @return the quantizer
     */
    public LinearQuantizer quantizer() {
        LinearQuantizer.Builder b = Quantization.linear(bits).scheme(scheme).granularity(granularity)
                .observer(observer).tensors(targets.selector(), targets.selectorName());
        targets.layerBits().forEach(b::layerBits);
        b.skipLayers(targets.skipped().toArray(new String[0]));
        if (targets.skipFirst()) {
            b.skipFirstLayer();
        }
        if (targets.skipLast()) {
            b.skipLastLayer();
        }
        return b.build();
    }

    /**
     * A short description, e.g. {@code "quantization-aware training: int4 sym per-channel minmax (weights)"}.
     *
     * @return the description
     */
    public String describe() {
        return "quantization-aware training: " + quantizer().describe()
                + (activations == null ? "" : "; " + activations.describe() + ", calibrated at prepare");
    }

    /**
     * Makes a network's forward pass use fake-quantized weights (and activations, if configured),
     * in place: train it afterwards with its own {@code fit}. Preparing again replaces the previous
     * preparation (and recalibrates activation grids).
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph with FLOAT parameters
     * @param <M> the network type
     * @return the same network
     * @throws IllegalArgumentException if the network is of another type, not initialised or not
     *     FLOAT, a named layer does not exist, or a selected layer cannot be fake-quantized (naming it)
     */
    public <M extends Model> M prepare(M network) {
        Objects.requireNonNull(network, "network");
        NetworkIO.requireInitialised(network);
        CompressionState state = CompressionState.of(QatLayers.strippedCopy(network), Compressor.DEFAULT_SEED);
        Map<String, FakeQuantizedWeights> plan = plan(state);
        Map<String, Layer> layers = QatLayers.byName(network);
        for (String name : plan.keySet()) {
            QatLayers.requireHooked(name, layers.get(name));
        }
        if (activations != null) {
            Model calibrated = quantizer().then(activations).apply(state).toNetwork();
            QatLayers.copyFakeQuantActivations(calibrated, network);
        }
        for (Map.Entry<String, Layer> e : layers.entrySet()) {
            String name = e.getKey();
            FakeQuantizedWeights noise = plan.get(name);
            if (noise != null || QatLayers.isFakeQuantized(e.getValue())) {
                QatLayers.setNoise(network, name, e.getValue(), noise);
            }
        }
        return network;
    }

    /** The fake quantization of each layer with selected tensors, by layer name. */
    private Map<String, FakeQuantizedWeights> plan(CompressionState state) {
        Map<String, Map<String, Integer>> bitsByLayer = new LinkedHashMap<>();
        Map<String, Map<String, int[]>> splitsByLayer = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : targets.resolve(state, bits).entrySet()) {
            TensorInfo info = state.tensor(e.getKey()).info();
            ChannelSplit s = granularity == Granularity.PER_CHANNEL ? Channels.of(info)
                    : ChannelSplit.perTensor(info.length());
            bitsByLayer.computeIfAbsent(info.layerName(), k -> new TreeMap<>()).put(info.paramKey(), e.getValue());
            splitsByLayer.computeIfAbsent(info.layerName(), k -> new TreeMap<>())
                    .put(info.paramKey(), new int[] {s.outer(), s.channels(), s.inner()});
        }
        Map<String, FakeQuantizedWeights> out = new LinkedHashMap<>();
        bitsByLayer.forEach((layer, b) -> out.put(layer,
                new FakeQuantizedWeights(scheme, observer, b, splitsByLayer.get(layer))));
        return out;
    }

    /**
     * Compresses a network trained after {@link #prepare} with {@link #quantizer()}, seed
     * {@link Compressor#DEFAULT_SEED}. The network is not modified: a copy without the fake
     * quantization is compressed (fake-quantized activations stay in its configuration).
     *
     * @param trained the network {@link #prepare} was given, after training
     * @return the result: runnable network, artifact and report
     * @throws IllegalArgumentException if the network was not prepared with these settings (naming
     *     the first layer that differs)
     */
    public CompressionResult compress(Model trained) {
        Objects.requireNonNull(trained, "trained");
        NetworkIO.requireInitialised(trained);
        long start = System.nanoTime();
        CompressionState state = CompressionState.of(QatLayers.strippedCopy(trained), Compressor.DEFAULT_SEED);
        QatLayers.requirePrepared(trained, plan(state));
        CompressionState out = quantizer().apply(state);
        return CompressionResult.of(out, describe(), System.nanoTime() - start);
    }

    /**
     * Removes the fake quantization of weights from a network in place, so that it trains and runs
     * in fp32 again (fake-quantized activations stay).
     *
     * @param network a MultiLayerNetwork or ComputationGraph
     * @throws IllegalArgumentException if the network is of another type or not initialised
     */
    public static void remove(Model network) {
        Objects.requireNonNull(network, "network");
        NetworkIO.requireInitialised(network);
        QatLayers.strip(network);
    }

    /** Settings of a {@link QuantizationAwareTraining}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private int bits = 8;
        private QuantScheme scheme = QuantScheme.SYMMETRIC;
        private Granularity granularity = Granularity.PER_CHANNEL;
        private Observer observer = Observers.minMax();
        private Targets targets = Targets.weights();
        private ActivationQuantizer activations;

        private Builder() {
        }

        /**
         * Sets the default weight bit width.
         *
         * @param value bits per weight, {@value #MIN_BITS}..{@value #MAX_BITS}
         * @return this builder
         * @throws IllegalArgumentException if out of range, naming the value
         */
        public Builder bits(int value) {
            this.bits = checkBits(value, "bits");
            return this;
        }

        /** Sets the weight grid's scheme (default symmetric). @param value the scheme @return this builder */
        public Builder scheme(QuantScheme value) {
            this.scheme = Objects.requireNonNull(value, "scheme");
            return this;
        }

        /** Sets the granularity (default per channel). @param value the granularity @return this builder */
        public Builder granularity(Granularity value) {
            this.granularity = Objects.requireNonNull(value, "granularity");
            return this;
        }

        /**
         * Sets how each step's clipping range is chosen (default min-max, as post-training). Only the
         * built-in observers survive a JSON round trip of the prepared network's configuration.
         *
         * @param value the observer
         * @return this builder
         */
        public Builder observer(Observer value) {
            this.observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /**
         * Chooses the tensors to fake-quantize instead of the default (weights).
         *
         * @param selector which tensors
         * @param description how descriptions name them
         * @return this builder
         */
        public Builder tensors(TensorSelector selector, String description) {
            targets = targets.withSelector(Objects.requireNonNull(selector, "selector"),
                    Objects.requireNonNull(description, "description"));
            return this;
        }

        /**
         * Uses another bit width for one layer; the name is checked by {@link #prepare}.
         *
         * @param layerName the layer's name (MultiLayerNetwork: its name or index)
         * @param layerBits {@value #MIN_BITS}..{@value #MAX_BITS}
         * @return this builder
         * @throws IllegalArgumentException if the width is out of range, naming it
         */
        public Builder layerBits(String layerName, int layerBits) {
            targets = targets.withLayerBits(layerName, checkBits(layerBits, "bits of layer '" + layerName + "'"));
            return this;
        }

        /**
         * Leaves layers in fp32; the names are checked by {@link #prepare}.
         *
         * @param layerNames the layers' names
         * @return this builder
         */
        public Builder skipLayers(String... layerNames) {
            for (String n : layerNames) {
                targets = targets.withSkipped(n);
            }
            return this;
        }

        /** Leaves the first layer with selected tensors in fp32. @return this builder */
        public Builder skipFirstLayer() {
            targets = targets.withSkipFirst(true);
            return this;
        }

        /** Leaves the last layer with selected tensors in fp32. @return this builder */
        public Builder skipLastLayer() {
            targets = targets.withSkipLast(true);
            return this;
        }

        /**
         * Fake-quantizes activations too: asymmetric per-tensor grids, min-max calibrated by
         * {@link #prepare} on these inputs and fixed during training.
         *
         * @param activationBits bits per activation, 2..16
         * @param calibration sample inputs, one batch array per network input (kept, not copied)
         * @return this builder
         * @throws IllegalArgumentException if the width is out of range or the inputs are not batches
         *     of one size
         */
        public Builder activations(int activationBits, INDArray... calibration) {
            this.activations = Quantization.activations(calibration).bits(activationBits).build();
            return this;
        }

        /** Builds the settings. @return the quantization-aware training */
        public QuantizationAwareTraining build() {
            return new QuantizationAwareTraining(this);
        }

        private static int checkBits(int value, String what) {
            if (value < MIN_BITS || value > MAX_BITS) {
                throw new IllegalArgumentException(what + " must be " + MIN_BITS + ".." + MAX_BITS
                        + " for quantization-aware training, got " + value);
            }
            return value;
        }
    }
}
