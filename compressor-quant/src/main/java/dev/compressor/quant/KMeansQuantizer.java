package dev.compressor.quant;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.quant.internal.CodebookEncoder;
import dev.compressor.quant.internal.KMeans1D;
import java.util.Map;
import java.util.Objects;

/**
 * Weight sharing by k-means (Deep Compression, post-training): each tensor's values are clustered
 * into {@code 2^bits} centroids, linearly initialised over {@code [min, max]}, and every value is
 * replaced by its centroid. Stored in the {@code codebook} encoding: the centroids plus one
 * bit-packed index per weight. Tensors held by a sparse encoding have only their non-zero values
 * clustered; zeros stay exactly zero. A tensor whose (non-zero) values already take at most
 * {@code 2^bits} distinct values, such as one trained by {@link WeightSharingTraining}, keeps them:
 * they are its codebook, bit for bit, and nothing is clustered.
 *
 * <p>Deterministic (no random initialisation). Create with {@link Quantization#kmeans(int)}.
 * Immutable and thread-safe.
 */
public final class KMeansQuantizer implements Compressor {

    /** Fewest bits accepted. */
    public static final int MIN_BITS = 2;
    /** Most bits accepted. */
    public static final int MAX_BITS = 8;

    private final int bits;
    private final int maxIterations;
    private final Targets targets;

    private KMeansQuantizer(Builder b) {
        this.bits = b.bits;
        this.maxIterations = b.maxIterations;
        this.targets = b.targets;
    }

    static Builder builder(int bits) {
        return new Builder().bits(bits);
    }

    /** A builder holding these settings. @return the builder */
    public Builder toBuilder() {
        Builder b = new Builder().bits(bits).maxIterations(maxIterations);
        b.targets = targets;
        return b;
    }

    int bits() {
        return bits;
    }

    int maxIterations() {
        return maxIterations;
    }

    Targets targets() {
        return targets;
    }

    @Override
    public String describe() {
        return "kmeans" + bits + targets.describe();
    }

    @Override
    public CompressionState apply(CompressionState state) {
        Objects.requireNonNull(state, "state");
        Map<String, Integer> chosen = targets.resolve(state, bits);
        return state.map(t -> chosen.containsKey(t.name()), t -> quantize(t, chosen.get(t.name())))
                .withStep(describe());
    }

    private TensorState quantize(TensorState t, int b) {
        try {
            boolean sparse = t.encoder().wrapsValues();
            float[] all = t.values().data();
            float[] values = sparse ? NonZeros.gather(all) : all;
            if (values.length == 0) {
                if (sparse) {
                    return t;
                }
                throw new IllegalArgumentException("cannot quantize an empty tensor");
            }
            // values that already take at most 2^b distinct values (a shared tensor) are their own codebook
            float[] own = KMeans1D.distinctAtMost(values, 1 << b);
            float[] codebook = own != null ? own : KMeans1D.fit(values, 1 << b, maxIterations);
            String desc = "kmeans" + b + " (" + codebook.length + " centroids)";
            if (sparse) {
                float[] snapped = KMeans1D.assigner(codebook).snap(values, 0, own != null).values();
                return t.withValues(NonZeros.scatter(all, snapped), t.encoder().rewrap(new CodebookEncoder(b, codebook,
                        desc)));
            }
            // the indices found while snapping are packed in the same pass; encoding these values reuses them
            KMeans1D.Snapped s = KMeans1D.assigner(codebook).snap(values, b, own != null);
            return t.withValues(s.values(), t.encoder().rewrap(new CodebookEncoder(b, codebook, desc, s.values(),
                    s.packed())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tensor '" + t.name() + "': " + e.getMessage(), e);
        }
    }

    /** Settings of a {@link KMeansQuantizer}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private int bits = 5;
        private int maxIterations = 100;
        private Targets targets = Targets.weights();

        private Builder() {
        }

        private static int checkBits(int value) {
            if (value < MIN_BITS || value > MAX_BITS) {
                throw new IllegalArgumentException("k-means bits must be " + MIN_BITS + ".." + MAX_BITS + ", got "
                        + value);
            }
            return value;
        }

        /**
         * Sets the default bits per index ({@code 2^bits} centroids).
         *
         * @param value 2..8
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder bits(int value) {
            this.bits = checkBits(value);
            return this;
        }

        /**
         * Sets the most Lloyd iterations (it stops earlier once centroids settle).
         *
         * @param value at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxIterations(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + value);
            }
            this.maxIterations = value;
            return this;
        }

        /**
         * Chooses the tensors to cluster instead of the default (weights).
         *
         * @param selector which tensors
         * @param description how {@link #describe()} names them
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
         * @param layerBits 2..8
         * @return this builder
         * @throws IllegalArgumentException if the width is out of range
         */
        public Builder layerBits(String layerName, int layerBits) {
            targets = targets.withLayerBits(layerName, checkBits(layerBits));
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
        public KMeansQuantizer build() {
            return new KMeansQuantizer(this);
        }
    }
}
