/** Internal helpers shared by the API's implementation; not API, may change without notice. */
package dev.compressor.api.internal;
