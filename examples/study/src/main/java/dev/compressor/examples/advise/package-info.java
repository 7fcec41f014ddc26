/**
 * The {@code advise} command and what it stands on: load a saved model (a DL4J
 * {@code ModelSerializer} zip or a compressor artifact) and Fashion-MNIST evaluation images, measure
 * the study's grid settings and per-layer mixes suggested by sensitivity analysis with the
 * {@link dev.compressor.api.advisor.Advisor}, and print the measured Pareto front and the choice
 * with its reasons, "do not compress" included.
 */
package dev.compressor.examples.advise;
