/**
 * {@code tegrastats}: a parser for its output lines ({@link dev.compressor.jetson.tegrastats.TegrastatsParser},
 * every format from L4T 28 to JetPack 7), a runner for one private {@code tegrastats} child process
 * ({@link dev.compressor.jetson.tegrastats.TegrastatsRunner}) and an energy meter built on them
 * ({@link dev.compressor.jetson.tegrastats.TegrastatsMeter}).
 *
 * <p>The runner never calls {@code tegrastats --stop}: that kills every instance on the board,
 * including other users'. It ends its own child alone.
 */
package dev.compressor.jetson.tegrastats;
