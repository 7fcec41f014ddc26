/**
 * Implementation helpers shared by the Jetson meters: the board-total rule. Not API: these types
 * may change without notice. (Sampling and integration are compressor-api's
 * {@link dev.compressor.api.energy.PowerSampler} and
 * {@link dev.compressor.api.energy.RailEnergyAccumulator}.)
 */
package dev.compressor.jetson.internal;
