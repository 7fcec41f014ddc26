package dev.compressor.examples.study;

import dev.compressor.examples.smalltier.data.ImageDecoder;
import dev.compressor.examples.smalltier.data.ImageFolderLayout;
import dev.compressor.examples.smalltier.data.ImageShape;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A user's images for the full-size study's fidelity ({@code study run --data DIR}): the PNG/JPEG
 * files of a data folder ({@link ImageFolderLayout}; class folders or not, labels are not used),
 * decoded as RGB, resized to each network's input size and scaled to {@code [0, 1]}, as the committed
 * images are. A seed picks where the held-out sequence starts ({@link StudyImages#index}); it runs
 * through the files in the layout's order, wrapping around. Decoded images are kept per size (the
 * fidelity probe runs the same images once per setting). Thread-safe.
 */
final class FidelityImageFolder {

    /**
     * The system property naming the folder in the child JVMs; {@code study run --data} sets it through
     * the children's JVM options. Absent: the committed Fashion-MNIST test images.
     */
    static final String PROPERTY = "study.fidelityData";

    private final ImageFolderLayout layout;
    private final Map<Long, byte[]> decoded = new ConcurrentHashMap<>();

    private FidelityImageFolder(ImageFolderLayout layout) {
        this.layout = layout;
    }

    /**
     * Lists a data folder.
     *
     * @param dir the folder
     * @return the images
     * @throws IllegalArgumentException if the folder does not fit the layout, naming the file
     */
    static FidelityImageFolder scan(Path dir) {
        return new FidelityImageFolder(ImageFolderLayout.scan(dir));
    }

    /** Returns the layout. */
    ImageFolderLayout layout() {
        return layout;
    }

    /** Returns the number of images. */
    int size() {
        return layout.files().size();
    }

    /**
     * Decodes the images a run with this seed and count uses, at their own size, so that a damaged
     * file fails before anything is measured.
     *
     * @param seed the study's seed
     * @param count the number of fidelity images
     * @throws IllegalArgumentException if there are fewer images than {@code count}, or one cannot be
     *     decoded, naming the file
     */
    void check(long seed, int count) {
        if (count > size()) {
            throw new IllegalArgumentException("data folder " + layout.dir() + " has " + size() + " images, fewer "
                    + "than the " + count + " fidelity images asked for: add images or lower --fidelity-images");
        }
        int start = StudyImages.index(seed, size());
        for (int i = 0; i < count; i++) {
            ImageDecoder.decode(layout.files().get((start + i) % size()), new ImageShape(3, 1, 1), false);
        }
    }

    /**
     * Images {@code first .. first+count-1} of the sequence a seed picks, as {@code [count, 3, size, size]}.
     *
     * @param seed picks the start
     * @param first position of the first image in the sequence (not negative)
     * @param count number of images (positive)
     * @param side the network's input height and width
     * @return a new array, values in {@code [0, 1]}
     */
    INDArray heldOut(long seed, int first, int count, int side) {
        int plane = 3 * side * side;
        float[] out = new float[count * plane];
        long start = StudyImages.index(seed, size());
        for (int n = 0; n < count; n++) {
            int index = (int) ((start + first + (long) n) % size());
            byte[] px = decoded.computeIfAbsent(((long) index << 20) | side,
                    k -> ImageDecoder.decode(layout.files().get(index), new ImageShape(3, side, side), false));
            for (int i = 0; i < plane; i++) {
                out[n * plane + i] = (px[i] & 0xff) / 255f;
            }
        }
        return Nd4j.create(out, new long[] {count, 3, side, side}, DataType.FLOAT);
    }
}
