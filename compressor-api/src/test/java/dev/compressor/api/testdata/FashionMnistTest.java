package dev.compressor.api.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class FashionMnistTest {

  @Test
  void subsetsHaveTheDocumentedSizesAndAllClasses() {
    assertEquals(10_000, FashionMnist.train().size());
    assertEquals(2_000, FashionMnist.test().size());
    int[] counts = new int[FashionMnist.CLASSES];
    for (int label : FashionMnist.test().labels()) {
      counts[label]++;
    }
    for (int c : counts) {
      assertTrue(c > 100, "every class present in the test subset");
    }
  }

  @Test
  void featuresAreScaledPixelsAndLabelsOneHot() {
    INDArray x = FashionMnist.test().features(5);
    assertEquals(5, x.rows());
    assertEquals(784, x.columns());
    assertTrue(x.minNumber().doubleValue() >= 0.0 && x.maxNumber().doubleValue() <= 1.0);
    assertTrue(x.maxNumber().doubleValue() > 0.5, "real images have bright pixels");
    INDArray y = FashionMnist.test().oneHotLabels(5);
    assertEquals(5.0, y.sumNumber().doubleValue(), 0.0);
    assertEquals(1.0, y.getDouble(0, FashionMnist.test().label(0)), 0.0);
  }

  @Test
  void iteratorCoversTheSplitInBatches() {
    DataSetIterator it = FashionMnist.test().iterator(512);
    int n = 0;
    int batches = 0;
    while (it.hasNext()) {
      int size = it.next().numExamples();
      assertEquals(batches < 3 ? 512 : 464, size, "batch " + batches);
      n += size;
      batches++;
    }
    assertEquals(2_000, n);
    assertEquals(4, batches);
    it.reset();
    assertEquals(512, it.next().numExamples(), "resettable for another epoch");
  }
}
