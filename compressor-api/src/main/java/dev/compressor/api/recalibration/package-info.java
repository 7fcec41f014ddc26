/**
 * Batch-normalisation recalibration without training: after compression changes a network's
 * weights, {@link dev.compressor.api.recalibration.BatchNormRecalibration} recomputes the running
 * mean and variance of every batch normalisation layer from a few hundred unlabelled inputs.
 *
 * <p>It lives in {@code compressor-api} because it depends on nothing but DL4J and the
 * {@link dev.compressor.api.Compressor} contract, and users of every compressor need it: a
 * quantized network ({@code compressor-quant}) and a pruned one ({@code compressor-prune}) both
 * shift the activations that the stored statistics describe, and those two modules must not depend
 * on each other. Here both reach it, and it composes with either as a {@code Compressor}
 * ({@code quantize.then(recalibration)}).
 */
package dev.compressor.api.recalibration;
