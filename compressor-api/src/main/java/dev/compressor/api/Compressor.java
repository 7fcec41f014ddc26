package dev.compressor.api;

import java.util.Objects;
import org.deeplearning4j.nn.api.Model;

/**
 * One compression technique, or a pipeline of them, applied to a DL4J network.
 *
 * <p>The core method {@link #apply(CompressionState)} is pure: it returns a new state and never
 * changes its input. {@link #compress(Model)} runs it on a network (which it copies, never mutates)
 * and packages the outcome as a {@link CompressionResult}. Compose with {@link #then(Compressor)}:
 * {@code prune.then(quantize)}. Implementations are immutable and thread-safe.
 */
public interface Compressor {

    /** The seed {@link #compress(Model)} uses. */
    long DEFAULT_SEED = 42L;

    /**
     * A short description of the technique and its settings, recorded in provenance,
     * e.g. {@code "fp16(weights)"}.
     *
     * @return the description
     */
    String describe();

    /**
     * Applies the technique.
     *
     * @param state the network so far
     * @return the network after this technique, with {@link #describe()} recorded as a step
     * @throws IllegalArgumentException if the state does not fit the settings (e.g. an unknown layer name)
     */
    CompressionState apply(CompressionState state);

    /**
     * This compressor, then another.
     *
     * @param next what runs on this compressor's output
     * @return the pipeline
     */
    default Compressor then(Compressor next) {
        Objects.requireNonNull(next, "next");
        Compressor first = this;
        return new Compressor() {
            @Override
            public String describe() {
                return first.describe() + " -> " + next.describe();
            }

            @Override
            public CompressionState apply(CompressionState state) {
                return next.apply(first.apply(state));
            }
        };
    }

    /**
     * Compresses a network with {@link #DEFAULT_SEED}.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph; not modified
     * @return the runnable network, the artifact and the report
     * @throws IllegalArgumentException if the network is of another type, not initialised (the message says to
     *     call {@code init()}), or not FLOAT, or does not fit the settings
     */
    default CompressionResult compress(Model network) {
        return compress(network, DEFAULT_SEED);
    }

    /**
     * Compresses a network.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph; not modified
     * @param seed the seed for techniques that draw random numbers
     * @return the runnable network, the artifact and the report
     * @throws IllegalArgumentException if the network is of another type, not initialised (the message says to
     *     call {@code init()}), or not FLOAT, or does not fit the settings
     */
    default CompressionResult compress(Model network, long seed) {
        long start = System.nanoTime();
        CompressionState out = apply(CompressionState.of(network, seed));
        return CompressionResult.of(out, describe(), System.nanoTime() - start);
    }
}
