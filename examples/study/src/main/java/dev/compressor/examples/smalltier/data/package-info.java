/**
 * Evaluation and training data. Fashion-MNIST for the small tier: an IDX file reader
 * ({@link dev.compressor.examples.smalltier.data.IdxReader}) and the data set with its source choice
 * ({@link dev.compressor.examples.smalltier.data.FashionMnistData}): the full Debian copy when installed,
 * otherwise the compact subset committed in this module's resources. A user's own data for the advisor
 * and the study, as {@link dev.compressor.examples.smalltier.data.EvaluationData}: a folder of PNG/JPEG
 * images, one folder per class or unlabelled ({@link dev.compressor.examples.smalltier.data.ImageFolderData},
 * read with {@code javax.imageio}), a CSV file ({@link dev.compressor.examples.smalltier.data.CsvData}), or
 * IDX files ({@link dev.compressor.examples.smalltier.data.IdxData}).
 */
package dev.compressor.examples.smalltier.data;
