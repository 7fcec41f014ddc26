package dev.compressor.prune.structured;

import java.util.List;

/**
 * A dependency group of channels: one channel space shared by the layers that produce it (several
 * when residual adds join them), the batch normalisations that scale it and the layers that consume
 * it. Pruning removes the same channels from all of them, so the network stays valid. Immutable.
 *
 * @param id the group's number within its plan
 * @param producers the convolution or dense layers whose outputs form the space, in network order
 * @param normalizations batch-normalisation layers on the space
 * @param consumers layers whose input axis follows the space
 * @param channels the number of channels
 * @param blockedBecause why the group cannot be pruned; empty if it can
 */
public record ChannelGroup(int id, List<String> producers, List<String> normalizations, List<String> consumers,
        int channels, List<String> blockedBecause) {

    /**
     * Copies the lists.
     *
     * @param id the group's number within its plan
     * @param producers the layers whose outputs form the space
     * @param normalizations batch-normalisation layers on the space
     * @param consumers layers whose input axis follows the space
     * @param channels the number of channels
     * @param blockedBecause why the group cannot be pruned; empty if it can
     */
    public ChannelGroup {
        producers = List.copyOf(producers);
        normalizations = List.copyOf(normalizations);
        consumers = List.copyOf(consumers);
        blockedBecause = List.copyOf(blockedBecause);
    }

    /**
     * Whether the group's channels can be removed.
     *
     * @return true if nothing blocks it
     */
    public boolean prunable() {
        return blockedBecause.isEmpty();
    }
}
