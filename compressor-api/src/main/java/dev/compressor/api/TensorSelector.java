package dev.compressor.api;

import dev.compressor.api.tensor.ParamKind;
import dev.compressor.api.tensor.TensorInfo;
import java.util.Set;
import java.util.function.Predicate;

/** Chooses which tensors a compressor touches. Implementations are pure and thread-safe. */
@FunctionalInterface
public interface TensorSelector extends Predicate<TensorInfo> {

    /** Weights, recurrent weights and embeddings: the default of every compressor. @return the selector */
    static TensorSelector weights() {
        return t -> t.kind().isWeightLike();
    }

    /** Every tensor, biases and normalisation included. @return the selector */
    static TensorSelector all() {
        return t -> true;
    }

    /**
     * Tensors of the given kinds.
     *
     * @param kinds the kinds
     * @return the selector
     */
    static TensorSelector kinds(ParamKind... kinds) {
        Set<ParamKind> set = Set.of(kinds);
        return t -> set.contains(t.kind());
    }

    /**
     * Tensors of the named layers. Names are checked against the network when the compressor runs.
     *
     * @param layerNames layer names
     * @return the selector
     */
    static TensorSelector layers(String... layerNames) {
        Set<String> set = Set.of(layerNames);
        return t -> set.contains(t.layerName());
    }

    /**
     * This selector and another.
     *
     * @param other the other selector
     * @return the conjunction
     */
    default TensorSelector and(TensorSelector other) {
        return t -> test(t) && other.test(t);
    }

    /**
     * This selector except what another selects.
     *
     * @param other what to leave out
     * @return the difference
     */
    default TensorSelector except(TensorSelector other) {
        return t -> test(t) && !other.test(t);
    }
}
