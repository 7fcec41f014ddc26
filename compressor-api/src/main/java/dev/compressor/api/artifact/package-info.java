/**
 * The compressed-model artifact. {@link dev.compressor.api.artifact.CompressedModel} holds the
 * data (DL4J configuration of stock layers, one encoded blob per parameter tensor, manifest) and
 * the entry points: {@code read}/{@code fromBytes}, {@code write}/{@code toBytes},
 * {@code restore}/{@code load}. The on-disk format (magic, version, outer compression, checksummed
 * payload of manifest, configuration and blobs) is read and written by package-private classes;
 * restoring is done in a {@link dev.compressor.api.artifact.RuntimeMode} with the caller's
 * {@link dev.compressor.api.artifact.RuntimeRewrite}s ({@link dev.compressor.api.artifact.RestoreOptions}).
 * {@link dev.compressor.api.artifact.Requirements} records what a restore needs beyond
 * compressor-api; read limits and provenance complete the package.
 */
package dev.compressor.api.artifact;
