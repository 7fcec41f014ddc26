/**
 * Platform detection: whether this host is a Jetson, which board, SoC and CUDA compute capability,
 * which L4T release and power mode, which CUDA device nodes and libraries exist, and which ND4J
 * backends are on the classpath (found without initialising ND4J).
 *
 * <p>Start with {@link dev.compressor.jetson.platform.PlatformDetector}; everything is read from a
 * configurable file-system root so that fixture trees stand in for real boards in tests.
 */
package dev.compressor.jetson.platform;
