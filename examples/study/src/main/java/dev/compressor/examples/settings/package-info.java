/**
 * The study's grid of named compression {@link dev.compressor.examples.settings.Setting settings}
 * (fp16 to Deep Compression, each a fresh {@code Compressor} with its runtime mode), Han et al.'s
 * VGG-16 configuration ({@link dev.compressor.examples.settings.DeepCompressionHan}) and the
 * exception that marks a setting as not applicable to a network. Shared by the sweep
 * ({@code dev.compressor.examples.study}) and the advisor's candidates
 * ({@code dev.compressor.examples.advise}); it depends on neither.
 */
package dev.compressor.examples.settings;
