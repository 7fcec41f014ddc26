package dev.compressor.quant;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import java.util.Map;
import java.util.Objects;

/**
 * Linear (uniform) quantization of weights to 2..16-bit integer codes, symmetric or asymmetric,
 * per tensor or per output channel, with the clipping range chosen by an {@link Observer}. The
 * tensors' values become the dequantized codes and are stored bit-packed in the {@code linear-int}
 * encoding (exactly: decoding gives the same floats).
 *
 * <p>By default it touches the weights of every weight-bearing layer (dense, convolution,
 * depthwise, separable, recurrent and embedding); biases, batch-norm and other small tensors stay
 * fp32 unless {@link Builder#tensors} says otherwise. Tensors held by a sparse encoding have only
 * their non-zero values quantized (per tensor), zeros stay exactly zero, and the sparse encoding is
 * kept around the new value encoding.
 *
 * <p>Create with {@link Quantization#linear(int)}. Immutable and thread-safe.
 */
public final class LinearQuantizer implements Compressor {

    private final int bits;
    private final QuantScheme scheme;
    private final Granularity granularity;
    private final Observer observer;
    private final Targets targets;

    private LinearQuantizer(Builder b) {
        this.bits = b.bits;
        this.scheme = b.scheme;
        this.granularity = b.granularity;
        this.observer = b.observer;
        this.targets = b.targets;
    }

    /**
     * A builder with defaults: symmetric, per channel, min-max observer, weights only.
     *
     * @param bits bits per weight, {@value LinearGrid#MIN_BITS}..{@value LinearGrid#MAX_BITS}
     * @return the builder
     * @throws IllegalArgumentException if {@code bits} is out of range
     */
    static Builder builder(int bits) {
        return new Builder().bits(bits);
    }

    /** A builder holding these settings. @return the builder */
    public Builder toBuilder() {
        Builder b = new Builder().bits(bits).scheme(scheme).granularity(granularity).observer(observer);
        b.targets = targets;
        return b;
    }

    @Override
    public String describe() {
        String g = granularity == Granularity.PER_CHANNEL ? "per-channel" : "per-tensor";
        return new LinearGrid(bits, scheme).describe() + " " + g + " " + observer.describe() + targets.describe();
    }

    @Override
    public CompressionState apply(CompressionState state) {
        Objects.requireNonNull(state, "state");
        Map<String, Integer> chosen = targets.resolve(state, bits);
        CompressionState out = state.map(t -> chosen.containsKey(t.name()), t -> new LinearTensorQuantizer(
                new LinearGrid(chosen.get(t.name()), scheme), granularity, observer).apply(t));
        return out.withStep(describe());
    }

    /** Settings of a {@link LinearQuantizer}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private int bits = 8;
        private QuantScheme scheme = QuantScheme.SYMMETRIC;
        private Granularity granularity = Granularity.PER_CHANNEL;
        private Observer observer = Observers.minMax();
        private Targets targets = Targets.weights();

        private Builder() {
        }

        /**
         * Sets the default bit width.
         *
         * @param value bits per weight, 2..16
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder bits(int value) {
            new LinearGrid(value, QuantScheme.SYMMETRIC);
            this.bits = value;
            return this;
        }

        /** Sets the scheme. @param value the scheme @return this builder */
        public Builder scheme(QuantScheme value) {
            this.scheme = Objects.requireNonNull(value, "scheme");
            return this;
        }

        /** Symmetric grid (zero point in the middle). @return this builder */
        public Builder symmetric() {
            return scheme(QuantScheme.SYMMETRIC);
        }

        /** Asymmetric grid (range fitted with a zero point). @return this builder */
        public Builder asymmetric() {
            return scheme(QuantScheme.ASYMMETRIC);
        }

        /** Sets the granularity. @param value per tensor or per channel @return this builder */
        public Builder granularity(Granularity value) {
            this.granularity = Objects.requireNonNull(value, "granularity");
            return this;
        }

        /** One scale per output channel. @return this builder */
        public Builder perChannel() {
            return granularity(Granularity.PER_CHANNEL);
        }

        /** One scale per tensor. @return this builder */
        public Builder perTensor() {
            return granularity(Granularity.PER_TENSOR);
        }

        /** Sets how the clipping range is chosen. @param value the observer @return this builder */
        public Builder observer(Observer value) {
            this.observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /**
         * Chooses the tensors to quantize instead of the default (weights).
         *
         * @param selector which tensors, e.g. {@link TensorSelector#all()}
         * @param description how {@link #describe()} names them, e.g. "all tensors"
         * @return this builder
         */
        public Builder tensors(TensorSelector selector, String description) {
            targets = targets.withSelector(Objects.requireNonNull(selector, "selector"), description);
            return this;
        }

        /**
         * Uses another bit width for one layer. The name is checked when the quantizer runs.
         *
         * @param layerName the layer's name
         * @param layerBits bits for its tensors, 2..16
         * @return this builder
         * @throws IllegalArgumentException if the width is out of range
         */
        public Builder layerBits(String layerName, int layerBits) {
            new LinearGrid(layerBits, QuantScheme.SYMMETRIC);
            targets = targets.withLayerBits(layerName, layerBits);
            return this;
        }

        /**
         * Leaves layers unquantized. The names are checked when the quantizer runs.
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

        /** Leaves the first layer with selected tensors unquantized. @return this builder */
        public Builder skipFirstLayer() {
            targets = targets.withSkipFirst(true);
            return this;
        }

        /** Leaves the last layer with selected tensors unquantized. @return this builder */
        public Builder skipLastLayer() {
            targets = targets.withSkipLast(true);
            return this;
        }

        /** Builds the quantizer. @return the quantizer */
        public LinearQuantizer build() {
            return new LinearQuantizer(this);
        }
    }
}
