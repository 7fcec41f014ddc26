/**
 * Structured channel and filter pruning with physical removal:
 * {@link dev.compressor.prune.structured.ChannelPruning} makes a smaller DL4J network;
 * {@link dev.compressor.prune.structured.ChannelPlan} shows the channel dependency groups (residual
 * adds, concatenations, batch normalisation) and why a group cannot be pruned.
 * {@link dev.compressor.prune.structured.PointwiseConvolutions} gives a network's 1x1
 * convolutions, strided ones included, a direct path
 * ({@link dev.compressor.prune.structured.DirectPointwiseConvolution}: a matrix product on the
 * activations, subsampled for a stride above 1, instead of DL4J's im2col), chosen when restoring
 * an artifact ({@link dev.compressor.prune.structured.PointwiseConvolutions#rewrite()}): artifacts
 * hold stock DL4J layers only. {@link dev.compressor.prune.structured.BatchNormFolding} folds inference batch
 * normalisation into the convolutions before it (an equivalent, faster network for inference;
 * {@code ChannelPruning.foldBatchNorm(true)} applies it after pruning).
 */
package dev.compressor.prune.structured;
