package dev.compressor.api.profile;

import java.util.OptionalLong;

/**
 * Memory in use at one instant, in bytes.
 *
 * @param offHeapBytes bytes ND4J holds off-heap through JavaCPP ({@code Pointer.totalBytes()}:
 *     tensors, workspaces), or -1 if JavaCPP is not available
 * @param residentBytes the process's resident set size (RSS), or -1 if it cannot be read
 * @param heapUsedBytes Java heap in use (total minus free); includes garbage not yet collected
 */
public record MemoryUse(long offHeapBytes, long residentBytes, long heapUsedBytes) {

    /**
     * The off-heap bytes, if known.
     *
     * @return off-heap bytes tracked by JavaCPP
     */
    public OptionalLong offHeap() {
        return offHeapBytes >= 0 ? OptionalLong.of(offHeapBytes) : OptionalLong.empty();
    }

    /**
     * The resident set size, if known.
     *
     * @return RSS in bytes
     */
    public OptionalLong resident() {
        return residentBytes >= 0 ? OptionalLong.of(residentBytes) : OptionalLong.empty();
    }
}
