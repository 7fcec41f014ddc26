package dev.compressor.prune;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorInfo;
import dev.compressor.prune.sparse.SparseEncoders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Compressor} that zeroes elements of the selected tensors by a {@link PruningMethod}
 * (each tensor on its own) or by {@link GlobalMagnitude} (one threshold across them), and stores
 * the result in the smaller sparse encoding around the tensor's existing value encoder. Elements
 * that are already exactly zero count as pruned, so pruning after pruning never revives a weight.
 * Create with {@link Pruning}. Immutable and thread-safe.
 */
public final class UnstructuredPruning implements Compressor {

    private static final Logger LOG = LoggerFactory.getLogger(UnstructuredPruning.class);

    private final String description;
    private final TensorSelector selector;
    private final Function<TensorInfo, PruningMethod> perTensor;
    private final GlobalMagnitude global;
    private final Set<String> requiredLayers;

    UnstructuredPruning(String description, TensorSelector selector, Function<TensorInfo, PruningMethod> perTensor,
            GlobalMagnitude global, Set<String> requiredLayers) {
        this.description = description;
        this.selector = Objects.requireNonNull(selector, "selector");
        this.perTensor = perTensor;
        this.global = global;
        this.requiredLayers = Set.copyOf(requiredLayers);
    }

    /**
     * The same pruning restricted to other tensors (the default is {@link TensorSelector#weights()}).
     *
     * @param tensors which tensors to prune
     * @return the new compressor
     */
    public UnstructuredPruning on(TensorSelector tensors) {
        return new UnstructuredPruning(description, tensors, perTensor, global, requiredLayers);
    }

    @Override
    public String describe() {
        return description;
    }

    /**
     * The masks this compressor would apply, without applying them.
     *
     * @param state the network so far
     * @return the mask of every selected tensor, by tensor name, in flat-vector order
     * @throws IllegalArgumentException if a tensor holds NaN (naming it) or a named layer is unknown
     */
    public Map<String, Mask> masks(CompressionState state) {
        state.requireLayers(requiredLayers);
        List<TensorState> chosen = new ArrayList<>();
        for (TensorState t : state.tensors()) {
            if (selector.test(t.info())) {
                chosen.add(t);
            }
        }
        Map<String, Mask> out = new LinkedHashMap<>();
        if (global != null) {
            List<FloatTensor> values = new ArrayList<>();
            List<Mask> priors = new ArrayList<>();
            for (TensorState t : chosen) {
                values.add(t.values());
                priors.add(Mask.nonZero(t.values().data()));
            }
            List<Mask> masks;
            try {
                masks = global.computeMasks(values, priors);
            } catch (IllegalArgumentException e) {
                throw named(e, chosen);
            }
            for (int i = 0; i < chosen.size(); i++) {
                out.put(chosen.get(i).name(), masks.get(i));
            }
            return out;
        }
        for (TensorState t : chosen) {
            PruningMethod method = perTensor.apply(t.info());
            if (method == null) {
                continue;
            }
            try {
                out.put(t.name(), method.computeMask(t.values(), Mask.nonZero(t.values().data())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tensor '" + t.name() + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static IllegalArgumentException named(IllegalArgumentException e, List<TensorState> chosen) {
        if (e.getCause() instanceof MagnitudeSelection.NanException nan) {
            return new IllegalArgumentException("tensor '" + chosen.get(nan.tensor).name() + "': " + nan.getMessage(), e);
        }
        return e;
    }

    @Override
    public CompressionState apply(CompressionState state) {
        Map<String, Mask> masks = masks(state);
        return state.map(t -> masks.containsKey(t.name()), t -> {
            float[] pruned = masks.get(t.name()).apply(t.values().data());
            return t.withValues(pruned, storable(t, pruned, SparseEncoders.around(pruned, t.encoder())));
        }).withStep(describe());
    }

    /**
     * The encoder itself if it can store the values; otherwise the smaller sparse format with fp32
     * values. A value encoder bound to the tensor's shape (a per-channel quantizer's) cannot store
     * the non-zero values gathered into a vector; fp32 stores them exactly.
     */
    private static TensorEncoder storable(TensorState t, float[] values, TensorEncoder encoder) {
        TensorEncoder inner = SparseEncoders.valuesOf(encoder);
        if (!encoder.wrapsValues() || inner == DenseEncoders.f32() || inner == DenseEncoders.f16()
                || inner == DenseEncoders.bf16()) {
            return encoder;
        }
        try {
            encoder.encode(t.values().withData(values));
            return encoder;
        } catch (IllegalArgumentException e) {
            LOG.warn("tensor '{}': its value encoder {} cannot store the gathered non-zero values ({}); storing"
                    + " them as fp32", t.name(), inner.describe(), e.getMessage());
            return SparseEncoders.smallest(values, DenseEncoders.f32());
        }
    }

    @Override
    public String toString() {
        return "UnstructuredPruning[" + description + "]";
    }
}
