/**
 * Pruning of DL4J networks: masks ({@link dev.compressor.prune.Mask}), pruning methods that compute
 * them ({@link dev.compressor.prune.PruningMethod}, {@link dev.compressor.prune.GlobalMagnitude}),
 * compressors that apply them and store the result sparsely ({@link dev.compressor.prune.Pruning}),
 * gradual pruning with masked fine-tuning on DL4J's training loop, pruning with fine-tuning on the
 * user's data within a budget in one call ({@link dev.compressor.prune.FineTunedPruning}), and
 * sensitivity analysis.
 * Structured pruning with physical removal lives in {@code dev.compressor.prune.structured}, the
 * sparse encodings in {@code dev.compressor.prune.sparse}.
 */
package dev.compressor.prune;
