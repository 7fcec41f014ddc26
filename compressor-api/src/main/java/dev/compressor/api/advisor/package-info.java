/**
 * To compress, or not to compress: the {@link dev.compressor.api.advisor.Advisor} measures
 * candidate settings on the target machine and recommends one (or none) for an objective within
 * constraints, with the measured Pareto front and its reasons.
 */
package dev.compressor.api.advisor;
