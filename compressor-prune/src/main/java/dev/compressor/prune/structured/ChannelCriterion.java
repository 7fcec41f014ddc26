package dev.compressor.prune.structured;

/**
 * How structured pruning ranks the channels of a group: by a norm of each channel's weights (the
 * slice of every producing layer's weight tensor at that output channel, summed over the group's
 * producers). The channels with the smallest norms are removed.
 */
public enum ChannelCriterion {
    /** Sum of absolute values (Li et al., "Pruning Filters for Efficient ConvNets"). */
    L1,
    /** Euclidean norm (square root of the sum of squares). */
    L2
}
