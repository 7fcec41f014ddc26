package dev.compressor.examples.smalltier.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fashion-MNIST (Zalando, MIT license): 28x28 grey images of 10 clothing classes.
 *
 * <p>Two sources: a directory holding the four original gzipped IDX files (the full data set:
 * 60,000 training and 10,000 test examples; Debian's {@code dataset-fashion-mnist} installs them
 * in {@value #DEBIAN_DIR}), or the subset committed in this module's resources under
 * {@code /smalltier/fashion-mnist/} (the first 20,000 training examples and the whole test split,
 * with the license notice). {@link #load()} takes the full set when it is installed, so the test
 * split is the same 10,000 images either way and the first 20,000 training examples are too.
 *
 * <p>Immutable and thread-safe.
 *
 * @param train the training split
 * @param test the test split
 * @param source where the data came from, for reports (a directory, or "classpath subset")
 */
public record FashionMnistData(ImageSplit train, ImageSplit test, String source) {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    /** Image side in pixels (28). */
    public static final int SIDE = 28;
    /** Number of classes (10). */
    public static final int CLASSES = 10;
    /** Training examples in the committed subset (20,000). */
    public static final int SUBSET_TRAIN = 20_000;

    private static final String RESOURCES = "/smalltier/fashion-mnist/";
    private static final String[] FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    /**
     * Loads the full Debian copy if {@value #DEBIAN_DIR} holds it, else the committed subset.
     *
     * @return the data
     * @throws IOException if the chosen source cannot be read or is malformed
     */
    public static FashionMnistData load() throws IOException {
        Optional<Path> dir = installedDirectory(Path.of(DEBIAN_DIR));
        return dir.isPresent() ? fromDirectory(dir.get()) : fromClasspath();
    }

    /**
     * Returns the directory if it holds all four Fashion-MNIST files.
     *
     * @param dir a candidate directory
     * @return the directory, or empty
     */
    public static Optional<Path> installedDirectory(Path dir) {
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return Optional.empty();
            }
        }
        return Optional.of(dir);
    }

    /**
     * Loads the four gzipped IDX files of a directory.
     *
     * @param dir the directory
     * @return the data, with the directory as its source
     * @throws IOException if a file is missing or malformed
     */
    public static FashionMnistData fromDirectory(Path dir) throws IOException {
        ImageSplit[] splits = new ImageSplit[2];
        for (int s = 0; s < 2; s++) {
            try (InputStream img = Files.newInputStream(dir.resolve(FILES[2 * s]));
                 InputStream lab = Files.newInputStream(dir.resolve(FILES[2 * s + 1]))) {
                splits[s] = split(img, FILES[2 * s], lab, FILES[2 * s + 1]);
            }
        }
        return new FashionMnistData(splits[0], splits[1], dir.toAbsolutePath().toString());
    }

    /**
     * Loads the committed subset from the classpath.
     *
     * @return the data, with source {@code "classpath subset"}
     * @throws IOException if a resource is missing or malformed
     */
    public static FashionMnistData fromClasspath() throws IOException {
        ImageSplit[] splits = new ImageSplit[2];
        for (int s = 0; s < 2; s++) {
            try (InputStream img = resource(FILES[2 * s]); InputStream lab = resource(FILES[2 * s + 1])) {
                splits[s] = split(img, FILES[2 * s], lab, FILES[2 * s + 1]);
            }
        }
        return new FashionMnistData(splits[0], splits[1], "classpath subset " + RESOURCES);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = FashionMnistData.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("missing resource " + RESOURCES + name);
        }
        return in;
    }

    /**
     * Reads one split from Fashion-MNIST-format IDX streams (plain or gzipped): {@code [n, 28, 28]}
     * unsigned-byte images scaled to [0, 1] and as many labels in [0, 10).
     *
     * @param images the images stream
     * @param imagesName its name, for messages
     * @param labels the labels stream
     * @param labelsName its name, for messages
     * @return the split
     * @throws IOException if a stream cannot be read or is malformed, naming the file and the value
     */
    public static ImageSplit split(InputStream images, String imagesName, InputStream labels, String labelsName)
            throws IOException {
        IdxReader.IdxBytes img = IdxReader.read(images, imagesName);
        IdxReader.IdxBytes lab = IdxReader.read(labels, labelsName);
        if (img.dims().length != 3 || img.dims()[1] != SIDE || img.dims()[2] != SIDE) {
            throw new IOException(imagesName + ": expected [n, 28, 28] images, got "
                    + java.util.Arrays.toString(img.dims()));
        }
        if (lab.dims().length != 1 || lab.count() != img.count()) {
            throw new IOException(labelsName + " holds " + java.util.Arrays.toString(lab.dims())
                    + " labels for " + img.count() + " images in " + imagesName);
        }
        float[] px = new float[img.data().length];
        for (int i = 0; i < px.length; i++) {
            px[i] = (img.data()[i] & 0xff) / 255f;
        }
        int[] y = new int[lab.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = lab.data()[i] & 0xff;
            if (y[i] >= CLASSES) {
                throw new IOException(labelsName + ": label " + y[i] + " of example " + i + " is not in [0, 10)");
            }
        }
        return new ImageSplit(px, y, SIDE, SIDE, CLASSES);
    }
}
