package dev.compressor.examples.smalltier.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images from a data folder ({@link ImageFolderLayout}: a folder per class, or images without
 * class folders), decoded with {@code javax.imageio} ({@link ImageDecoder}) to one shape and held as
 * 8-bit pixels ({@code n * channels * height * width} bytes); {@link #features} scales and normalises
 * them ({@link PixelScaling}) batch by batch. Every image used is decoded when the data is read, so a
 * damaged file fails then, before anything is measured. Immutable and thread-safe.
 */
public final class ImageFolderData implements EvaluationData {

    private final ImageFolderLayout layout;
    private final ImageShape shape;
    private final PixelScaling scaling;
    private final byte[] pixels;
    private final int count;
    private final boolean labelled;
    private final int[] labels;

    private ImageFolderData(ImageFolderLayout layout, ImageShape shape, PixelScaling scaling, byte[] pixels,
            int count, boolean labelled) {
        this.layout = layout;
        this.shape = shape;
        this.scaling = scaling;
        this.pixels = pixels;
        this.count = count;
        this.labelled = labelled;
        this.labels = labelled ? layout.labels() : null;
    }

    /**
     * Reads the first images of a data folder (in the layout's class-balanced order).
     *
     * @param dir the folder
     * @param shape the network's input shape; images of another size are resized
     * @param scaling how pixels become input values
     * @param ignoreLabels true to treat a folder with class folders as unlabelled
     * @param limit at most this many images (at least 1)
     * @return the data
     * @throws IllegalArgumentException if the folder does not fit the layout, an image cannot be
     *     decoded, or the normalisation does not fit the channels, naming the file or the value
     */
    public static ImageFolderData read(Path dir, ImageShape shape, PixelScaling scaling, boolean ignoreLabels,
            int limit) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(scaling, "scaling");
        if (limit < 1) {
            throw new IllegalArgumentException("the image limit must be at least 1, got " + limit);
        }
        scaling.checkChannels(shape.channels());
        ImageFolderLayout layout = ImageFolderLayout.scan(dir);
        int n = Math.min(limit, layout.files().size());
        long bytes = (long) n * shape.channels() * shape.height() * shape.width();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " images of " + shape + " take " + bytes + " bytes, more than "
                    + "one array holds: use fewer examples");
        }
        int per = shape.channels() * shape.height() * shape.width();
        byte[] px = new byte[(int) bytes];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ImageDecoder.decode(layout.files().get(i), shape, scaling.bgr()), 0, px, i * per, per);
        }
        return new ImageFolderData(layout, shape, scaling, px, n, layout.labelled() && !ignoreLabels);
    }

    /**
     * The folder's layout (all its files, also those beyond the images read).
     *
     * @return the layout
     */
    public ImageFolderLayout layout() {
        return layout;
    }

    /**
     * The input shape the images were decoded to.
     *
     * @return the shape
     */
    public ImageShape shape() {
        return shape;
    }

    /**
     * How pixels become input values.
     *
     * @return the scaling
     */
    public PixelScaling scaling() {
        return scaling;
    }

    @Override
    public String source() {
        return "image folder " + layout.dir().toAbsolutePath() + " (" + (layout.labelled()
                ? layout.classNames().size() + " class folders" + (labelled ? "" : ", labels ignored")
                : "no class folders: unlabelled") + "; " + count + " of " + layout.files().size()
                + " images as " + shape + ", " + scaling.describe(shape.channels()) + ")";
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int[] exampleShape() {
        return shape.toArray();
    }

    @Override
    public boolean labelled() {
        return labelled;
    }

    @Override
    public int label(int i) {
        if (!labelled) {
            throw new IllegalStateException("the images of " + layout.dir() + " are unlabelled");
        }
        Objects.checkIndex(i, count);
        return labels[i];
    }

    @Override
    public List<String> classNames() {
        return labelled ? layout.classNames() : List.of();
    }

    @Override
    public String origin(int i) {
        Objects.checkIndex(i, count);
        return layout.files().get(i).toString();
    }

    @Override
    public INDArray features(int from, int n) {
        EvaluationData.checkRange(from, n, count);
        int per = exampleLength();
        byte[] part = Arrays.copyOfRange(pixels, from * per, (from + n) * per);
        float[] out = new float[part.length];
        scaling.apply(part, shape.channels(), shape.height() * shape.width(), out);
        return Nd4j.create(out, new long[] {n, shape.channels(), shape.height(), shape.width()}, DataType.FLOAT);
    }

    @Override
    public EvaluationData first(int n) {
        if (n < 1 || n > count) {
            throw new IllegalArgumentException("n must be in [1, " + count + "], got " + n);
        }
        return n == count ? this : new ImageFolderData(layout, shape, scaling,
                Arrays.copyOf(pixels, n * exampleLength()), n, labelled);
    }
}
