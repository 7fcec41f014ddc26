/**
 * Lossless entropy coding for tensor blobs: {@link dev.compressor.api.encoding.entropy.RansCoder}, a
 * static-model range asymmetric numeral system (rANS) coder whose frequency table travels with the
 * stream, and {@link dev.compressor.api.encoding.entropy.EmpiricalEntropy}, the order-0 entropy of
 * symbol counts that such a coder approaches. Encodings in other modules (sparse masks, codebook
 * indices) use it without depending on each other.
 */
package dev.compressor.api.encoding.entropy;
