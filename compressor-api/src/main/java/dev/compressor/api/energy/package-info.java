/**
 * Energy measurement: the {@link dev.compressor.api.energy.EnergyMeter} SPI, readings as value
 * types with units, and the parts to build meters from.
 *
 * <ul>
 *   <li>{@link dev.compressor.api.energy.EnergyMeters#best()} picks the best available meter
 *       through {@link java.util.ServiceLoader} (ranked; override with the system property
 *       {@code compressor.energy.meter} or the environment variable
 *       {@code COMPRESSOR_ENERGY_METER}) and says why.</li>
 *   <li>Parts to build meters from: {@link dev.compressor.api.energy.PowerSampler}, the one
 *       polling loop (a {@link dev.compressor.api.energy.PowerSource} read on a daemon thread,
 *       100 Hz by default, up to 10 kHz), feeding {@link dev.compressor.api.energy.RailEnergyAccumulator},
 *       the one integrator (trapezoid rule on the samples' own timestamps for power, exact sums for
 *       energy counters), which also takes pushed samples and builds the
 *       {@link dev.compressor.api.energy.EnergyReading}.</li>
 *   <li>Generic Linux meters: {@link dev.compressor.api.energy.RaplPowercapMeterProvider RAPL
 *       powercap} (rank 200) and the {@link dev.compressor.api.energy.CpuTimeEstimateMeterProvider
 *       CPU-time estimate} (rank 0, always flagged estimated). Board-specific meters (Jetson
 *       INA3221, tegrastats) register through {@link dev.compressor.api.energy.EnergyMeterProvider}
 *       from their own modules.</li>
 * </ul>
 */
package dev.compressor.api.energy;
