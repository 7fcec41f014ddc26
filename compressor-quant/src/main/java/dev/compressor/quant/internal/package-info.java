/**
 * Implementation of the quantization module: the loops over {@code float[]}, bit packing, the
 * registered encodings, k-means, the fake-quantizing activation and the resident runtime. Not API:
 * classes here are public only so that DL4J, {@link java.util.ServiceLoader} and the module's own
 * packages can reach them; they may change without notice.
 *
 * <p>The 8-bit codec loops have an optional Vector API form ({@code VectorKernels}), used only when
 * the JVM runs with {@code --add-modules jdk.incubator.vector}; see {@link
 * dev.compressor.quant.internal.SimdSupport}. Without that flag the plain loops run.
 */
package dev.compressor.quant.internal;
