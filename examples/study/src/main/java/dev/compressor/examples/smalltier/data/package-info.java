/**
 * Fashion-MNIST for the small tier: an IDX file reader ({@link dev.compressor.examples.smalltier.data.IdxReader})
 * and the data set with its source choice ({@link dev.compressor.examples.smalltier.data.FashionMnistData}):
 * the full Debian copy when installed, otherwise the compact subset committed in this module's resources.
 */
package dev.compressor.examples.smalltier.data;
