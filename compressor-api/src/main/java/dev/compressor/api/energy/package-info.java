/**
 * Energy measurement: the {@link dev.compressor.api.energy.EnergyMeter} SPI, readings as value
 * types with units, the trapezoid integrator, and generic Linux meters (RAPL powercap, a CPU-time
 * estimate). Board-specific meters (Jetson INA3221, tegrastats) register through
 * {@link dev.compressor.api.energy.EnergyMeterProvider} from their own modules.
 */
package dev.compressor.api.energy;
