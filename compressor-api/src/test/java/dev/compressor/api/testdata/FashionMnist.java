package dev.compressor.api.testdata;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A compact real Fashion-MNIST subset shipped in this test-jar: the first 10,000 training and the
 * first 2,000 test images of the original data set (28x28 grey, 10 classes), as gzipped IDX files
 * under {@code /fashion-mnist/} on the test classpath (license notice next to them).
 *
 * <p>Features are returned as {@code [n, 784]} float arrays scaled to {@code [0, 1]}; labels as
 * class indices and as one-hot {@code [n, 10]} arrays. Loading parses the IDX headers and checks
 * magic numbers and counts. Instances are immutable; the static accessors cache the parsed split
 * and are thread-safe. The returned INDArrays are fresh copies on every call, so callers may
 * modify them.
 */
public final class FashionMnist {

  /** Number of classes (10). */
  public static final int CLASSES = 10;
  /** Pixels per image (28 * 28 = 784). */
  public static final int PIXELS = 784;

  private static final String ROOT = "/fashion-mnist/";
  private static volatile FashionMnist train;
  private static volatile FashionMnist test;

  private final float[] pixels;
  private final int[] labels;

  private FashionMnist(float[] pixels, int[] labels) {
    this.pixels = pixels;
    this.labels = labels;
  }

  /** Returns the training subset (10,000 examples). */
  public static FashionMnist train() {
    FashionMnist t = train;
    if (t == null) {
      synchronized (FashionMnist.class) {
        if (train == null) {
          train = load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        }
        t = train;
      }
    }
    return t;
  }

  /** Returns the test subset (2,000 examples). */
  public static FashionMnist test() {
    FashionMnist t = test;
    if (t == null) {
      synchronized (FashionMnist.class) {
        if (test == null) {
          test = load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        }
        t = test;
      }
    }
    return t;
  }

  /** Returns the number of examples in this split. */
  public int size() {
    return labels.length;
  }

  /** Returns the class index of example {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Returns a copy of all class indices. */
  public int[] labels() {
    return labels.clone();
  }

  /** Returns the first {@code n} examples' pixels as a float32 {@code [n, 784]} array in [0, 1]. */
  public INDArray features(int n) {
    checkCount(n);
    float[] copy = new float[n * PIXELS];
    System.arraycopy(pixels, 0, copy, 0, copy.length);
    return Nd4j.create(copy, new long[] {n, PIXELS}, DataType.FLOAT);
  }

  /** Returns all pixels as a float32 {@code [size, 784]} array in [0, 1]. */
  public INDArray features() {
    return features(size());
  }

  /** Returns the first {@code n} labels one-hot encoded as a float32 {@code [n, 10]} array. */
  public INDArray oneHotLabels(int n) {
    checkCount(n);
    float[] oh = new float[n * CLASSES];
    for (int i = 0; i < n; i++) {
      oh[i * CLASSES + labels[i]] = 1f;
    }
    return Nd4j.create(oh, new long[] {n, CLASSES}, DataType.FLOAT);
  }

  /** Returns all labels one-hot encoded as a float32 {@code [size, 10]} array. */
  public INDArray oneHotLabels() {
    return oneHotLabels(size());
  }

  /** Returns the whole split as one DataSet (features {@code [n,784]}, one-hot labels). */
  public DataSet dataSet() {
    return new DataSet(features(), oneHotLabels());
  }

  /**
   * Returns an iterator over the split in minibatches, in file order (the files are already
   * shuffled), resettable for several epochs.
   *
   * @param batchSize examples per minibatch, at least 1
   */
  public DataSetIterator iterator(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    List<DataSet> batches = dataSet().batchBy(batchSize);
    return new ExistingDataSetIterator(batches);
  }

  /**
   * Returns the images in convolution layout, float32 {@code [n, 1, 28, 28]} in [0, 1].
   *
   * @param n number of leading examples
   */
  public INDArray images(int n) {
    return features(n).reshape('c', n, 1, 28, 28);
  }

  private void checkCount(int n) {
    if (n < 1 || n > size()) {
      throw new IllegalArgumentException("n must be in [1, " + size() + "], got " + n);
    }
  }

  private static FashionMnist load(String imagesName, String labelsName) {
    try {
      byte[] img = readGz(imagesName, 0x00000803);
      byte[] lab = readGz(labelsName, 0x00000801);
      int n = lab.length;
      if (img.length != n * PIXELS) {
        throw new IllegalStateException(imagesName + " holds " + img.length / PIXELS
            + " images but " + labelsName + " holds " + n + " labels");
      }
      float[] px = new float[img.length];
      for (int i = 0; i < img.length; i++) {
        px[i] = (img[i] & 0xff) / 255f;
      }
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = lab[i] & 0xff;
        if (labels[i] >= CLASSES) {
          throw new IllegalStateException(labelsName + ": label " + labels[i] + " at " + i);
        }
      }
      return new FashionMnist(px, labels);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Fashion-MNIST test resources", e);
    }
  }

  private static byte[] readGz(String name, int magic) throws IOException {
    InputStream raw = FashionMnist.class.getResourceAsStream(ROOT + name);
    if (raw == null) {
      throw new IOException("missing test resource " + ROOT + name);
    }
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      int m = in.readInt();
      if (m != magic) {
        throw new IOException(name + ": bad IDX magic 0x" + Integer.toHexString(m));
      }
      int dims = m & 0xff;
      long count = 1;
      for (int d = 0; d < dims; d++) {
        count *= in.readInt();
      }
      if (count <= 0 || count > Integer.MAX_VALUE) {
        throw new IOException(name + ": bad IDX element count " + count);
      }
      byte[] data = new byte[(int) count];
      in.readFully(data);
      return data;
    }
  }
}
