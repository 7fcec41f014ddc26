package dev.compressor.api.internal;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.stream.LongStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's flat fp32 parameter vector, allocated off the Java heap and filled in place, so that a
 * restore writes each parameter once and never holds a second full copy on the heap.
 *
 * <p>Why it exists: on virtual machines the first write to each fresh page of memory is the most
 * expensive part of a restore (measured here: about 4 ms per MB, more than reading and decoding the
 * artifact). ND4J's own allocation touches every page on the calling thread; this class allocates
 * without touching ({@code malloc}), touches the pages from all cores at once ({@link #prefault()}),
 * and then hands out slices that tensors decode into, also in parallel.
 *
 * <p>Slices may be written from several threads at once when they do not overlap. The memory is
 * freed when the array returned by {@link #asRowVector()} (and this object) become unreachable.
 */
public final class ParameterMemory {

    /** The longest slice, in floats. */
    public static final int MAX_SLICE = Integer.MAX_VALUE / Float.BYTES;

    private static final long PREFAULT_SLICE_BYTES = 4L << 20;
    private static final byte[] ZEROS = new byte[(int) PREFAULT_SLICE_BYTES];

    private final FloatPointer memory;
    private final long length;

    private ParameterMemory(FloatPointer memory, long length) {
        this.memory = memory;
        this.length = length;
    }

    /**
     * Allocates an uninitialised vector.
     *
     * @param length number of floats, at least 1
     * @return the memory
     * @throws OutOfMemoryError if JavaCPP's off-heap limit ({@code org.bytedeco.javacpp.maxbytes}) or
     *     the operating system refuses the allocation
     */
    public static ParameterMemory allocate(long length) {
        if (length < 1) {
            throw new IllegalArgumentException("parameter count must be at least 1, is " + length);
        }
        FloatPointer p = new FloatPointer(length);
        if (p.isNull()) {
            throw new OutOfMemoryError("cannot allocate " + length * Float.BYTES + " bytes off-heap");
        }
        return new ParameterMemory(p, length);
    }

    /** Number of floats. @return the length */
    public long length() {
        return length;
    }

    /**
     * Writes zeros over the whole vector, slices spread over the common fork-join pool, so that the
     * operating system maps every page before the values are written.
     */
    public void prefault() {
        long bytes = length * Float.BYTES;
        long slices = (bytes + PREFAULT_SLICE_BYTES - 1) / PREFAULT_SLICE_BYTES;
        LongStream.range(0, slices).parallel().forEach(s -> {
            long from = s * PREFAULT_SLICE_BYTES;
            int n = (int) Math.min(PREFAULT_SLICE_BYTES, bytes - from);
            sliceBytes(from, n).put(ZEROS, 0, n);
        });
    }

    private ByteBuffer sliceBytes(long fromByte, int n) {
        BytePointer b = new BytePointer(memory); // same address; counts are set in bytes below
        b.capacity(length * Float.BYTES);
        return b.position(fromByte).limit(fromByte + n).asBuffer();
    }

    /**
     * A view of {@code [offset, offset + count)}, position 0, in native byte order.
     * {@code count} is at most {@link #MAX_SLICE} (a NIO buffer spans at most 2 GiB).
     *
     * @param offset first float
     * @param count number of floats
     * @return a buffer over that slice of the memory
     */
    public FloatBuffer slice(long offset, int count) {
        if (offset < 0 || count < 0 || count > MAX_SLICE || offset + count > length) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + count) + ") of " + length);
        }
        FloatPointer p = new FloatPointer(memory);
        p.capacity(length);
        return p.position(offset).limit(offset + count).asBuffer();
    }

    /**
     * Frees the memory now instead of when it becomes unreachable. Only for memory that was never
     * handed out as an array ({@link #asRowVector()}); slices must not be used afterwards.
     */
    public void release() {
        memory.deallocate();
    }

    /**
     * The memory as an ND4J row vector {@code [1, length]} that shares it (no copy).
     *
     * @return the array
     */
    public INDArray asRowVector() {
        DataBuffer buffer = Nd4j.createBuffer(memory, DataType.FLOAT, length, FloatIndexer.create(memory));
        return Nd4j.create(buffer, new long[] {1, length});
    }
}
