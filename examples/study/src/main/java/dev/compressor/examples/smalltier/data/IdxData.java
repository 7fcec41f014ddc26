package dev.compressor.examples.smalltier.data;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A labelled {@link ImageSplit} (Fashion-MNIST IDX files: grey images, pixels in {@code [0, 1]}) as
 * {@link EvaluationData} of shape {@code [1, height, width]}. Immutable and thread-safe.
 */
public final class IdxData implements EvaluationData {

    private final ImageSplit split;
    private final String source;
    private final String imagesFile;

    /**
     * Wraps a split.
     *
     * @param split the images and labels
     * @param source where they came from, for reports
     * @param imagesFile the images file's name, for {@link #origin}
     */
    public IdxData(ImageSplit split, String source, String imagesFile) {
        this.split = Objects.requireNonNull(split, "split");
        this.source = Objects.requireNonNull(source, "source");
        this.imagesFile = Objects.requireNonNull(imagesFile, "imagesFile");
    }

    /**
     * The wrapped split.
     *
     * @return the split
     */
    public ImageSplit split() {
        return split;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int size() {
        return split.size();
    }

    @Override
    public int[] exampleShape() {
        return new int[] {1, split.height(), split.width()};
    }

    @Override
    public boolean labelled() {
        return true;
    }

    @Override
    public int label(int i) {
        return split.label(i);
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }

    @Override
    public String origin(int i) {
        Objects.checkIndex(i, split.size());
        return imagesFile + " image " + i;
    }

    @Override
    public INDArray features(int from, int n) {
        return split.images(from, n);
    }

    @Override
    public EvaluationData first(int n) {
        return n == split.size() ? this : new IdxData(split.first(n), source, imagesFile);
    }
}
