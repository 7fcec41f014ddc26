/**
 * Implementation of the quantization module: the loops over {@code float[]}, bit packing, the
 * registered encodings, k-means, the fake-quantizing activation and the resident runtime. Not API:
 * classes here are public only so that DL4J, {@link java.util.ServiceLoader} and the module's own
 * packages can reach them; they may change without notice.
 */
package dev.compressor.quant.internal;
