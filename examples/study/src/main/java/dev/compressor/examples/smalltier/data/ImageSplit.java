package dev.compressor.examples.smalltier.data;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split of an image classification data set held in memory: grey images with pixels scaled to
 * [0, 1] and class labels. Immutable (arrays are copied in and out) and thread-safe.
 */
public final class ImageSplit {

    private final float[] pixels;
    private final int[] labels;
    private final int height;
    private final int width;
    private final int classes;

    /**
     * Creates a split.
     *
     * @param pixels row-major pixels, {@code labels.length * height * width} values in [0, 1]
     * @param labels class indices in [0, classes)
     * @param height image height in pixels
     * @param width image width in pixels
     * @param classes number of classes
     */
    public ImageSplit(float[] pixels, int[] labels, int height, int width, int classes) {
        if (height < 1 || width < 1 || classes < 2) {
            throw new IllegalArgumentException("bad shape " + height + "x" + width + ", classes " + classes);
        }
        if (pixels.length != (long) labels.length * height * width) {
            throw new IllegalArgumentException(pixels.length + " pixels do not make " + labels.length
                    + " images of " + height + "x" + width);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i
                        + " is not in [0, " + classes + ")");
            }
        }
        this.pixels = pixels.clone();
        this.labels = labels.clone();
        this.height = height;
        this.width = width;
        this.classes = classes;
    }

    /** Returns the number of examples. */
    public int size() {
        return labels.length;
    }

    /** Returns the number of classes. */
    public int classes() {
        return classes;
    }

    /** Returns the image height in pixels. */
    public int height() {
        return height;
    }

    /** Returns the image width in pixels. */
    public int width() {
        return width;
    }

    /** Returns the label of example {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Returns a copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Returns the first {@code n} examples as a new split.
     *
     * @param n number of examples, in [1, size]
     * @return the leading examples
     */
    public ImageSplit first(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("n must be in [1, " + size() + "], got " + n);
        }
        int px = height * width;
        return new ImageSplit(Arrays.copyOf(pixels, n * px), Arrays.copyOf(labels, n), height, width, classes);
    }

    /**
     * Returns images {@code [from, from + n)} as a float32 NCHW array {@code [n, 1, height, width]}.
     *
     * @param from first example
     * @param n number of examples
     * @return a new array
     */
    public INDArray images(int from, int n) {
        checkRange(from, n);
        int px = height * width;
        float[] out = Arrays.copyOfRange(pixels, from * px, (from + n) * px);
        return Nd4j.create(out, new long[] {n, 1, height, width}, DataType.FLOAT);
    }

    /**
     * Returns images selected by index as a float32 NCHW array {@code [idx.length, 1, height, width]}.
     *
     * @param idx example indices
     * @return a new array
     */
    public INDArray images(int[] idx) {
        int px = height * width;
        float[] out = new float[idx.length * px];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(pixels, idx[i] * px, out, i * px, px);
        }
        return Nd4j.create(out, new long[] {idx.length, 1, height, width}, DataType.FLOAT);
    }

    /**
     * Returns one-hot labels of examples selected by index, float32 {@code [idx.length, classes]}.
     *
     * @param idx example indices
     * @return a new array
     */
    public INDArray oneHot(int[] idx) {
        float[] out = new float[idx.length * classes];
        for (int i = 0; i < idx.length; i++) {
            out[i * classes + labels[idx[i]]] = 1f;
        }
        return Nd4j.create(out, new long[] {idx.length, classes}, DataType.FLOAT);
    }

    private void checkRange(int from, int n) {
        if (from < 0 || n < 1 || from + n > size()) {
            throw new IllegalArgumentException("range [" + from + ", " + (from + n) + ") is not within [0, " + size() + ")");
        }
    }
}
