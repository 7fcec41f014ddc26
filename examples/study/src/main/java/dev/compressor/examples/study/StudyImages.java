package dev.compressor.examples.study;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Real input images for the full-size image networks: a Fashion-MNIST test image (the committed
 * subset's complete test split; no ImageNet image is reachable offline), chosen by seed, scaled to
 * the network's input size by nearest neighbour and repeated over the three colour channels, pixel
 * values in [0, 1]. The test split is divided in two: the first {@value #INIT_RESERVED} images are
 * reserved for data-dependent initialisation ({@link #initImages}); fidelity draws its images from the
 * rest ({@link #heldOutImages}), so no image serves both. With {@code study run --data DIR} (the
 * system property {@value FidelityImageFolder#PROPERTY} in the child JVMs) the held-out images are the
 * user's instead ({@link FidelityImageFolder}); the latency input and the initialisation images stay
 * the committed ones. Thread-safe; the test split and the user's folder are loaded once per JVM.
 */
final class StudyImages {

    /** Number of test images, from index 0, reserved for data-dependent initialisation. */
    static final int INIT_RESERVED = 1000;

    private static volatile ImageSplit test;
    private static volatile FidelityImageFolder userImages;

    private StudyImages() {
    }

    /**
     * A batch-1 image {@code [1, 3, size, size]}.
     *
     * @param seed picks the test image ({@link #index})
     * @param size the network's input height and width
     * @return a new array
     */
    static INDArray image(long seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be at least 1, is " + size);
        }
        ImageSplit t = testSplit();
        return scaled(t, new int[] {index(seed, t.size())}, size);
    }

    /**
     * The first {@code count} initialisation images (test images {@code 0 .. count-1}), as a batch
     * {@code [count, 3, size, size]}.
     *
     * @param count number of images, in {@code [1, INIT_RESERVED]}
     * @param size the network's input height and width
     * @return a new array
     */
    static INDArray initImages(int count, int size) {
        if (count < 1 || count > INIT_RESERVED) {
            throw new IllegalArgumentException("initialisation image count must be in [1, " + INIT_RESERVED
                    + "], is " + count);
        }
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        return scaled(testSplit(), indices, size);
    }

    /**
     * Images {@code first .. first+count-1} of the held-out sequence a seed picks, as a batch
     * {@code [count, 3, size, size]}: the sequence starts at a seeded position ({@link #index}) among
     * the test images after the {@value #INIT_RESERVED} reserved ones and runs through them in order,
     * wrapping around; so up to 9,000 consecutive images of one sequence are distinct.
     *
     * @param seed picks the sequence's start
     * @param first position of the first image in the sequence (not negative)
     * @param count number of images (positive)
     * @param size the network's input height and width
     * @return a new array
     */
    static INDArray heldOutImages(long seed, int first, int count, int size) {
        if (first < 0 || count < 1) {
            throw new IllegalArgumentException("held-out images need first >= 0 and count >= 1, got first "
                    + first + ", count " + count);
        }
        String dir = System.getProperty(FidelityImageFolder.PROPERTY);
        if (dir != null && !dir.isBlank()) {
            if (size < 1) {
                throw new IllegalArgumentException("image size must be at least 1, is " + size);
            }
            return userImages(dir).heldOut(seed, first, count, size);
        }
        ImageSplit t = testSplit();
        int pool = t.size() - INIT_RESERVED;
        long start = index(seed, pool);
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = INIT_RESERVED + (int) ((start + first + (long) i) % pool);
        }
        return scaled(t, indices, size);
    }

    /** The chosen test images scaled by nearest neighbour and repeated over three channels. */
    private static INDArray scaled(ImageSplit t, int[] indices, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be at least 1, is " + size);
        }
        int side = FashionMnistData.SIDE;
        int plane = size * size;
        float[] src = t.images(indices).data().asFloat();
        float[] out = new float[indices.length * 3 * plane];
        for (int n = 0; n < indices.length; n++) {
            int from = n * side * side;
            int base = n * 3 * plane;
            for (int y = 0; y < size; y++) {
                int sy = (int) ((long) y * side / size);
                for (int x = 0; x < size; x++) {
                    float v = src[from + sy * side + (int) ((long) x * side / size)];
                    for (int c = 0; c < 3; c++) {
                        out[base + (c * size + y) * size + x] = v;
                    }
                }
            }
        }
        return Nd4j.create(out, new long[] {indices.length, 3, size, size}, DataType.FLOAT);
    }

    /**
     * The test image a seed picks: the seed scrambled (SplitMix64 finaliser) modulo the split size,
     * so neighbouring seeds pick unrelated images.
     *
     * @param seed the seed
     * @param count number of test images
     * @return an index in {@code [0, count)}
     */
    static int index(long seed, int count) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) count);
    }

    /** The user's folder named by the property, scanned once (again if the property changes). */
    private static FidelityImageFolder userImages(String dir) {
        FidelityImageFolder f = userImages;
        if (f == null || !f.layout().dir().toString().equals(dir)) {
            synchronized (StudyImages.class) {
                f = userImages;
                if (f == null || !f.layout().dir().toString().equals(dir)) {
                    f = FidelityImageFolder.scan(java.nio.file.Path.of(dir));
                    userImages = f;
                }
            }
        }
        return f;
    }

    private static ImageSplit testSplit() {
        ImageSplit t = test;
        if (t == null) {
            synchronized (StudyImages.class) {
                t = test;
                if (t == null) {
                    try {
                        t = FashionMnistData.fromClasspath().test();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot load the Fashion-MNIST test images: " + e.getMessage(), e);
                    }
                    test = t;
                }
            }
        }
        return t;
    }
}
