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
 * values in [0, 1]. The fidelity of every setting is measured on the same image. Thread-safe; the
 * test split is loaded once per JVM.
 */
final class StudyImages {

    private static volatile ImageSplit test;

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
        int side = FashionMnistData.SIDE;
        float[] src = t.images(index(seed, t.size()), 1).data().asFloat();
        float[] out = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            int sy = (int) ((long) y * side / size);
            for (int x = 0; x < size; x++) {
                float v = src[sy * side + (int) ((long) x * side / size)];
                for (int c = 0; c < 3; c++) {
                    out[(c * size + y) * size + x] = v;
                }
            }
        }
        return Nd4j.create(out, new long[] {1, 3, size, size}, DataType.FLOAT);
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
