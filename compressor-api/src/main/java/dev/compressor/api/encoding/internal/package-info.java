/** Implementations of the built-in encodings; not API. */
package dev.compressor.api.encoding.internal;
