/**
 * NVIDIA Jetson support for the compressor SDK.
 *
 * <ul>
 *   <li>{@link dev.compressor.jetson.platform}: what board, software and ND4J backends this host has,
 *       read from a configurable file-system root;</li>
 *   <li>{@link dev.compressor.jetson.backend}: a CPU/CUDA backend plan made before ND4J starts, applied
 *       by launching a child JVM or verified in the running one;</li>
 *   <li>{@link dev.compressor.jetson.tegrastats}: a parser for {@code tegrastats} lines, a runner for
 *       one private {@code tegrastats} child process, and an energy meter built on them;</li>
 *   <li>{@link dev.compressor.jetson.ina3221}: the INA3221 power monitors read through sysfs (iio and
 *       hwmon layouts), sampled and integrated into an energy meter.</li>
 * </ul>
 *
 * <p>Both meters register through {@link java.util.ServiceLoader} as
 * {@link dev.compressor.api.energy.EnergyMeterProvider}s (INA3221 rank 400, tegrastats rank 300).
 * Nothing here is specific to x86; everything runs on aarch64.
 */
package dev.compressor.jetson;
