package dev.compressor.examples;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Real images for the examples that train: the first images of Fashion-MNIST (28x28 grey, 10
 * classes), read from the IDX files that the study application ships on the class path
 * ({@code /smalltier/fashion-mnist/}). In your application, use your own {@code DataSetIterator}.
 */
public final class ExampleData {

    private ExampleData() {
    }

    /**
     * The first images of a split with one-hot labels, shaped for {@link ExampleNetworks#smallCnn(long)}.
     *
     * @param training true for the training split, false for the test split
     * @param count how many images, at least 1
     * @return features {@code [count, 1, 28, 28]} in [0, 1] and labels {@code [count, 10]}, FLOAT
     * @throws IllegalArgumentException if count is below 1 or above the split's size
     * @throws UncheckedIOException if the files are missing or unreadable
     */
    public static DataSet fashionMnist(boolean training, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        String prefix = training ? "train" : "t10k";
        byte[] pixels = read(prefix + "-images-idx3-ubyte.gz", 16, count * 784);
        byte[] labels = read(prefix + "-labels-idx1-ubyte.gz", 8, count);
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[i] & 0xff) / 255f;
        }
        float[] y = new float[count * 10];
        for (int i = 0; i < count; i++) {
            y[i * 10 + labels[i]] = 1f;
        }
        return new DataSet(Nd4j.create(x, new long[] {count, 1, 28, 28}, DataType.FLOAT),
                Nd4j.create(y, new long[] {count, 10}, DataType.FLOAT));
    }

    private static byte[] read(String file, int header, int bytes) {
        try (InputStream raw = ExampleData.class.getResourceAsStream("/smalltier/fashion-mnist/" + file)) {
            if (raw == null) {
                throw new UncheckedIOException(new IOException("/smalltier/fashion-mnist/" + file
                        + " is not on the class path (it comes with the study artifact)"));
            }
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            in.skipNBytes(header);
            byte[] out = new byte[bytes];
            try {
                in.readFully(out);
            } catch (java.io.EOFException e) {
                throw new IllegalArgumentException(file + " holds fewer than the " + bytes + " bytes asked for", e);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
