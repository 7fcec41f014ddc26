package dev.compressor.quant.internal;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one buffer a resident network expands weights into: an ND4J array the layers read (their
 * parameter views point into it), filled through a small Java staging chunk the decoders write.
 * Shared by all resident layers of one network; not thread-safe (neither are DL4J networks).
 */
final class Scratch {

    /** Elements of the Java staging chunk. */
    static final int CHUNK = 1 << 14;

    private final float[] chunk = new float[CHUNK];
    private final int[] codes;
    private final INDArray device;
    private final FloatBuffer deviceView;

    /**
     * @param capacity elements of the ND4J buffer
     * @param codeCapacity elements of the buffer for unpacked codes (0 if no layer unpacks codes)
     */
    Scratch(int capacity, int codeCapacity) {
        this.codes = new int[codeCapacity];
        this.device = Nd4j.create(DataType.FLOAT, 1, Math.max(1, capacity));
        this.deviceView = device.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A Java buffer of {@link #CHUNK} elements for decoders to write into. */
    float[] chunk() {
        return chunk;
    }

    /** The buffer for unpacked codes, of at least {@code n} elements (sized by the assembler). */
    int[] codes(int n) {
        if (codes.length < n) {
            throw new IllegalStateException("code buffer of " + codes.length + " ints, " + n + " wanted");
        }
        return codes;
    }

    /** Copies {@code src[0..n)} to elements {@code [at, at + n)} of the ND4J buffer. */
    void upload(float[] src, int n, long at) {
        deviceView.put((int) at, src, 0, n);
    }

    /** A {@code [1, n]} view of the first {@code n} elements of the ND4J buffer. */
    INDArray view(long n) {
        return device.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, n));
    }

    /** Resident bytes: the ND4J buffer, the staging chunk and the code buffer. */
    long bytes() {
        return 4L * device.length() + 4L * CHUNK + 4L * codes.length;
    }
}
