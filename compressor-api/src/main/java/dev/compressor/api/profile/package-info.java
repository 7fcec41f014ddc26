/**
 * Measuring a runnable network: {@link dev.compressor.api.profile.Profiler} runs warm-up and
 * measured inferences and returns a {@link dev.compressor.api.profile.Profile} with the latency
 * distribution, throughput, resident memory and, when an
 * {@link dev.compressor.api.energy.EnergyMeter} is attached, energy per inference and average power.
 *
 * <p>To compare settings, use {@link dev.compressor.api.profile.PairedProfiler}: it runs the
 * baseline and the candidates in interleaved rounds in one JVM and returns a
 * {@link dev.compressor.api.profile.PairedProfile}, whose ratios
 * ({@link dev.compressor.api.profile.PairedComparison}) carry a 95 % paired-bootstrap interval and
 * a verdict (faster, same, slower, or undecided). Two profiles taken one after the other are not a
 * comparison: whatever runs first in a fresh JVM looks slow.
 */
package dev.compressor.api.profile;
