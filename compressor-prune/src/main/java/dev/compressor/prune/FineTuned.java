package dev.compressor.prune;

import dev.compressor.api.CompressionResult;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;

/**
 * The outcome of {@link FineTunedPruning}: the fine-tuned network, its compression (artifact and
 * report), and what the fine-tuning spent. Immutable apart from the network, which belongs to the
 * caller.
 *
 * @param network the pruned and fine-tuned network (a new one; trainable, with its batch
 *     normalisation statistics recalibrated)
 * @param compression the same network compressed: pruned weights stored sparsely, or the smaller
 *     channel-pruned network
 * @param spent wall time, epochs, iterations and pruning steps
 */
public record FineTuned(Model network, CompressionResult compression, FineTuningSpent spent) {

    /**
     * Checks the parts.
     *
     * @param network the network
     * @param compression the compression
     * @param spent the cost
     */
    public FineTuned {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(spent, "spent");
    }
}
