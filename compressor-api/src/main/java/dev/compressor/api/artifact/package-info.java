/**
 * The compressed-model artifact: {@link dev.compressor.api.artifact.CompressedModel}, its on-disk
 * format (magic, version, outer compression, checksummed payload of manifest, DL4J configuration
 * and one encoded blob per parameter tensor), read limits, provenance and runtime modes.
 */
package dev.compressor.api.artifact;
