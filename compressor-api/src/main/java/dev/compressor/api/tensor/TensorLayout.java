package dev.compressor.api.tensor;

import java.util.Arrays;

/**
 * Shape and element order of a tensor stored as a flat run of elements.
 *
 * <p>Element {@code i} of the flat run is the tensor element whose index follows {@code order}:
 * {@code 'c'} (row-major, last index fastest) or {@code 'f'} (column-major, first index fastest),
 * exactly as ND4J lays out the parameter view. Immutable.
 */
public final class TensorLayout {

    /** The largest number of elements one tensor may have (a Java array limit). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16L;
    /** The largest rank accepted. */
    public static final int MAX_RANK = 8;

    private final long[] shape;
    private final char order;
    private final int length;

    private TensorLayout(long[] shape, char order) {
        if (shape.length == 0 || shape.length > MAX_RANK) {
            throw new IllegalArgumentException("rank must be 1.." + MAX_RANK + ", got " + shape.length);
        }
        if (order != 'c' && order != 'f') {
            throw new IllegalArgumentException("order must be 'c' or 'f', got '" + order + "'");
        }
        long n = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be > 0, got " + Arrays.toString(shape));
            }
            if (n > MAX_ELEMENTS / d) {
                throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape)
                        + " has more than " + MAX_ELEMENTS + " elements");
            }
            n *= d;
        }
        this.shape = shape.clone();
        this.order = order;
        this.length = (int) n;
    }

    /**
     * A layout.
     *
     * @param order {@code 'c'} or {@code 'f'}
     * @param shape dimensions, each &gt; 0, at most {@value #MAX_RANK} of them
     * @return the layout
     * @throws IllegalArgumentException if the shape is empty, has a dimension &lt;= 0, or has more
     *     than {@link #MAX_ELEMENTS} elements
     */
    public static TensorLayout of(char order, long... shape) {
        return new TensorLayout(shape, order);
    }

    /** A one-dimensional layout. @param n the number of elements @return the layout */
    public static TensorLayout vector(int n) {
        return new TensorLayout(new long[] {n}, 'c');
    }

    /** The dimensions (a copy). @return the shape */
    public long[] shape() {
        return shape.clone();
    }

    /** Dimension {@code axis}. @param axis an axis in [0, rank) @return its size */
    public long dim(int axis) {
        return shape[axis];
    }

    /** The number of dimensions. @return the rank */
    public int rank() {
        return shape.length;
    }

    /** The element order, {@code 'c'} or {@code 'f'}. @return the order */
    public char order() {
        return order;
    }

    /** The number of elements. @return the product of the dimensions */
    public int length() {
        return length;
    }

    /**
     * The flat-run stride of an axis: how far apart in the run two elements are whose index
     * differs by one along {@code axis}.
     *
     * @param axis an axis in [0, rank)
     * @return the stride in elements
     */
    public long stride(int axis) {
        long s = 1;
        if (order == 'c') {
            for (int a = shape.length - 1; a > axis; a--) {
                s *= shape[a];
            }
        } else {
            for (int a = 0; a < axis; a++) {
                s *= shape[a];
            }
        }
        return s;
    }

    /**
     * The index along {@code axis} of flat element {@code i}.
     *
     * @param i a flat position in [0, length)
     * @param axis an axis in [0, rank)
     * @return the coordinate of element {@code i} along that axis
     */
    public int coordinate(long i, int axis) {
        return (int) ((i / stride(axis)) % shape[axis]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorLayout t && t.order == order && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + order;
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + "/" + order;
    }
}
