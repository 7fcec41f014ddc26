/**
 * Teaching examples: one program per idea (fp16 storage, int8 per-channel, k-means, magnitude and
 * channel pruning, chaining, the artifact file, the resident runtime, paired profiling with an energy
 * meter, a custom encoding, the advisor), each with a {@code main} and a {@code run} method that a
 * test calls. The README lists them.
 */
package dev.compressor.examples;
