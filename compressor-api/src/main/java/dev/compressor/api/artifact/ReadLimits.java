package dev.compressor.api.artifact;

/**
 * Upper bounds that a reader enforces before allocating anything an artifact's header asks for,
 * so that a hostile or corrupt file cannot exhaust memory. Immutable.
 *
 * @param maxPayloadBytes the largest decompressed payload accepted, in bytes
 * @param maxParameters the largest number of network parameters accepted
 * @param maxTensors the largest number of tensors accepted
 * @param maxConfigBytes the largest network configuration accepted, in bytes
 */
public record ReadLimits(long maxPayloadBytes, long maxParameters, int maxTensors, int maxConfigBytes) {

    /** Defaults: 8 GiB of payload, 2^31 - 16 parameters, 1,000,000 tensors, 64 MiB of configuration. */
    public static final ReadLimits DEFAULT = new ReadLimits(8L << 30, Integer.MAX_VALUE - 16L, 1_000_000, 64 << 20);

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException if a limit is not positive
     */
    public ReadLimits {
        if (maxPayloadBytes <= 0 || maxParameters <= 0 || maxTensors <= 0 || maxConfigBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive: payload=" + maxPayloadBytes
                    + " parameters=" + maxParameters + " tensors=" + maxTensors + " config=" + maxConfigBytes);
        }
    }

    /**
     * The same limits with another payload bound.
     *
     * @param bytes the largest decompressed payload accepted
     * @return the new limits
     */
    public ReadLimits withMaxPayloadBytes(long bytes) {
        return new ReadLimits(bytes, maxParameters, maxTensors, maxConfigBytes);
    }
}
