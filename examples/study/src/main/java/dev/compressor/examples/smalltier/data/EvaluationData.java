package dev.compressor.examples.smalltier.data;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Examples to evaluate a network on, held in memory: each a float vector of one fixed shape
 * ({@code [channels, height, width]} for images, {@code [features]} for a table row), with a class
 * label each or without labels. Sources: Fashion-MNIST IDX files ({@link IdxData}), a folder of
 * images ({@link ImageFolderData}) and a CSV file ({@link CsvData}).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface EvaluationData {

    /**
     * Where the examples came from, in words, for reports.
     *
     * @return e.g. {@code "image folder /data/pets: 37 class folders, 2000 images"}
     */
    String source();

    /**
     * The number of examples.
     *
     * @return at least 1
     */
    int size();

    /**
     * The shape of one example: {@code [channels, height, width]} or {@code [features]}.
     *
     * @return a new array
     */
    int[] exampleShape();

    /**
     * Whether every example has a class label.
     *
     * @return true for labelled data
     */
    boolean labelled();

    /**
     * The class label of an example.
     *
     * @param i the example, in {@code [0, size())}
     * @return the label, at least 0
     * @throws IllegalStateException if the data is unlabelled
     */
    int label(int i);

    /**
     * The class names, index = label, when the data names its classes (the class folders of an image
     * folder, sorted); empty otherwise.
     *
     * @return an unmodifiable list
     */
    List<String> classNames();

    /**
     * Where one example came from, for error messages: its file, or its file and line.
     *
     * @param i the example, in {@code [0, size())}
     * @return e.g. {@code "/data/pets/cat/003.jpg"} or {@code "table.csv line 17"}
     */
    String origin(int i);

    /**
     * Examples {@code [from, from + n)} as one float32 array {@code [n, ...exampleShape()]}, values as
     * the network takes them (scaled and normalised).
     *
     * @param from the first example
     * @param n how many, at least 1
     * @return a new array
     * @throws IllegalArgumentException if the range is not within {@code [0, size())}
     */
    INDArray features(int from, int n);

    /**
     * The first {@code n} examples.
     *
     * @param n how many, in {@code [1, size()]}
     * @return the data, or this when {@code n == size()}
     */
    EvaluationData first(int n);

    /**
     * The number of values in one example: the product of {@link #exampleShape()}.
     *
     * @return the length
     */
    default int exampleLength() {
        int n = 1;
        for (int d : exampleShape()) {
            n *= d;
        }
        return n;
    }

    /**
     * Checks a range of examples.
     *
     * @param from the first example
     * @param n how many
     * @param size the number of examples
     * @throws IllegalArgumentException if {@code [from, from + n)} is empty or not within {@code [0, size)}
     */
    static void checkRange(int from, int n, int size) {
        if (from < 0 || n < 1 || (long) from + n > size) {
            throw new IllegalArgumentException("range [" + from + ", " + ((long) from + n) + ") is not within [0, "
                    + size + ")");
        }
    }
}
