/**
 * The INA3221 power monitors of Jetson boards, read through sysfs: discovery of both layouts
 * (JetPack 4 iio {@code ina3221x}, JetPack 5 and later hwmon {@code ina3221}, channels disabled
 * through {@code inN_enable} left out), per-rail power, and the
 * {@link dev.compressor.jetson.ina3221.Ina3221SysfsMeter} energy meter with an idle baseline,
 * sampled by compressor-api's {@link dev.compressor.api.energy.PowerSampler} at a configurable
 * rate and integrated with the trapezoid rule on the real sample times.
 */
package dev.compressor.jetson.ina3221;
