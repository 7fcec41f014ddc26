/**
 * Implementation helpers shared by the Jetson meters: the board-total rule and a streaming
 * trapezoid integrator over rails. Not API: these types may change without notice.
 */
package dev.compressor.jetson.internal;
