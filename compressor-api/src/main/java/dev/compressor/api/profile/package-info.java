/**
 * Measuring a runnable network: {@link dev.compressor.api.profile.Profiler} runs warm-up and
 * measured inferences and returns a {@link dev.compressor.api.profile.Profile} with the latency
 * distribution, throughput, resident memory and, when an
 * {@link dev.compressor.api.energy.EnergyMeter} is attached, energy per inference and average power.
 */
package dev.compressor.api.profile;
