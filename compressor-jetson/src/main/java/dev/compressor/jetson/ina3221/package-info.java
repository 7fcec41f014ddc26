/**
 * The INA3221 power monitors of Jetson boards, read through sysfs: discovery of both layouts
 * (JetPack 4 iio {@code ina3221x}, JetPack 5 and later hwmon {@code ina3221}), per-rail power, a
 * sampler at a configurable rate with trapezoid integration on the real sample times, and the
 * {@link dev.compressor.jetson.ina3221.Ina3221SysfsMeter} energy meter with an idle baseline.
 */
package dev.compressor.jetson.ina3221;
