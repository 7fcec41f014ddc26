/**
 * Structured channel and filter pruning with physical removal:
 * {@link dev.compressor.prune.structured.ChannelPruning} makes a smaller DL4J network;
 * {@link dev.compressor.prune.structured.ChannelPlan} shows the channel dependency groups (residual
 * adds, concatenations, batch normalisation) and why a group cannot be pruned.
 */
package dev.compressor.prune.structured;
