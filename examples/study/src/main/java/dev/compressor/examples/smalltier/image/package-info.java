/**
 * The small-tier image networks and their accuracy: one small network per study family
 * ({@link dev.compressor.examples.smalltier.image.SmallNetwork}), a seeded trainer
 * ({@link dev.compressor.examples.smalltier.image.SmallTierTrainer}, command
 * {@link dev.compressor.examples.smalltier.image.SmallTierTrainCommand}), the committed trained
 * weights ({@link dev.compressor.examples.smalltier.image.SmallTierWeights}), top-1/top-5 evaluation
 * ({@link dev.compressor.examples.smalltier.image.ImageEvaluator}) and the accuracy of a compression
 * setting ({@link dev.compressor.examples.smalltier.image.CompressionAccuracy}).
 */
package dev.compressor.examples.smalltier.image;
