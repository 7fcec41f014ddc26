/**
 * ND4J backend selection. ND4J fixes its backend once per JVM, from the environment variables
 * {@code BACKEND_PRIORITY_CPU} and {@code BACKEND_PRIORITY_GPU} read in a static initialiser, so the
 * choice is a {@link dev.compressor.jetson.backend.BackendPlan} made before ND4J starts:
 * {@link dev.compressor.jetson.backend.BackendSelector} decides from a detected
 * {@link dev.compressor.jetson.platform.Platform}; {@link dev.compressor.jetson.backend.ChildJvm}
 * applies a plan by launching a JVM with that environment; {@link dev.compressor.jetson.backend.RunningBackend}
 * checks the running JVM against a plan and says what to change.
 */
package dev.compressor.jetson.backend;
