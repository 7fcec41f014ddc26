/**
 * Sparse tensor encodings for the artifact: {@link dev.compressor.prune.sparse.SparseEncoders}
 * creates encoders; {@link dev.compressor.prune.sparse.SparseBitmaskEncoding} and
 * {@link dev.compressor.prune.sparse.SparseRelativeIndexEncoding} and the entropy-coded
 * {@link dev.compressor.prune.sparse.SparseEntropyMaskEncoding} (chosen by
 * {@link dev.compressor.prune.sparse.EntropyCodedMasks} when smaller) decode them and are registered
 * through {@link java.util.ServiceLoader}. The non-zero values are stored by any other registered
 * encoding, found through {@link dev.compressor.api.encoding.DecodeContext}.
 */
package dev.compressor.prune.sparse;
