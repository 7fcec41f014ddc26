package dev.compressor.prune;

import dev.compressor.api.TensorSelector;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Unstructured pruning compressors. Each prunes the weight tensors by default
 * ({@link TensorSelector#weights()}); narrow or widen with {@link UnstructuredPruning#on}. For
 * channel and filter pruning with physical removal see {@code dev.compressor.prune.structured}.
 * Stateless.
 *
 * <pre>{@code
 * CompressionResult r = Pruning.global(0.9).compress(network);
 * r.artifact().write(Path.of("model.dlc"));   // sparse encodings: about a tenth of the dense file
 * }</pre>
 */
public final class Pruning {

    private Pruning() {
    }

    /**
     * Layer-wise L1 magnitude pruning: each tensor to exactly {@code round(sparsity * length)} zeros.
     *
     * @param sparsity the fraction to prune in each tensor, in [0, 1)
     * @return the compressor
     * @throws IllegalArgumentException if sparsity is outside [0, 1)
     */
    public static UnstructuredPruning magnitude(double sparsity) {
        return with(PruningMethod.magnitude(sparsity));
    }

    /**
     * Global L1 magnitude pruning: one threshold across all selected tensors.
     *
     * @param sparsity the fraction of all selected elements to prune, in [0, 1)
     * @return the compressor
     * @throws IllegalArgumentException if sparsity is outside [0, 1)
     */
    public static UnstructuredPruning global(double sparsity) {
        GlobalMagnitude g = new GlobalMagnitude(sparsity);
        return new UnstructuredPruning(g.describe(), TensorSelector.weights(), null, g, Set.of());
    }

    /**
     * Han et al.'s pruning: in each tensor, magnitudes below {@code quality} standard deviations.
     *
     * @param quality the quality parameter, finite and &gt;= 0
     * @return the compressor
     * @throws IllegalArgumentException if quality is negative or not finite
     */
    public static UnstructuredPruning stdThreshold(double quality) {
        return with(PruningMethod.stdThreshold(quality));
    }

    /**
     * N:M pruning of each tensor (e.g. 2:4).
     *
     * @param n kept elements per group
     * @param m group size
     * @return the compressor
     * @throws IllegalArgumentException if {@code n >= m} or out of range
     */
    public static UnstructuredPruning nOfM(int n, int m) {
        return with(PruningMethod.nOfM(n, m));
    }

    /**
     * Any pruning method, applied to each selected tensor on its own.
     *
     * @param method the method
     * @return the compressor
     */
    public static UnstructuredPruning with(PruningMethod method) {
        Objects.requireNonNull(method, "method");
        return new UnstructuredPruning(method.describe(), TensorSelector.weights(), t -> method, null,
                Set.of());
    }

    /**
     * Layer-wise magnitude pruning with a sparsity per layer (for instance the suggestion of a
     * sensitivity analysis); layers not named are left alone.
     *
     * @param sparsityByLayer layer name to sparsity in [0, 1)
     * @return the compressor
     * @throws IllegalArgumentException if a sparsity is outside [0, 1); unknown layer names are
     *     reported when the compressor runs
     */
    public static UnstructuredPruning perLayer(Map<String, Double> sparsityByLayer) {
        Map<String, PruningMethod> methods = new LinkedHashMap<>();
        StringJoiner desc = new StringJoiner(", ", "magnitude-per-layer(", ")");
        sparsityByLayer.forEach((layer, s) -> {
            methods.put(layer, PruningMethod.magnitude(s));
            desc.add(String.format(Locale.ROOT, "%s=%.3g", layer, s));
        });
        Map<String, PruningMethod> frozen = Map.copyOf(methods);
        TensorSelector inMap = t -> frozen.containsKey(t.layerName());
        return new UnstructuredPruning(desc.toString(), TensorSelector.weights().and(inMap),
                t -> frozen.get(t.layerName()), null, frozen.keySet());
    }
}
