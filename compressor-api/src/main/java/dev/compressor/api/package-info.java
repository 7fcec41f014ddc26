/**
 * The public surface of the compressor SDK: {@link dev.compressor.api.Compressor} (one technique or
 * a pipeline), its input and output states, {@link dev.compressor.api.CompressionResult} and
 * {@link dev.compressor.api.CompressionReport}, and the built-in
 * {@link dev.compressor.api.Compressors}.
 */
package dev.compressor.api;
