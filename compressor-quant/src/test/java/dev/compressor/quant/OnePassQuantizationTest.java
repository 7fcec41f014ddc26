package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorReport;
import dev.compressor.api.TensorState;
import dev.compressor.api.encoding.PreparedEncoding;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The one-pass int8 min-max path gives the same values and blobs as the multi-pass path (forced by
 * an observer equal to min-max but not the built-in instance), on weights of several kinds: Gaussian,
 * channels that lie on the per-tensor grid (so that they take the per-tensor parameters and are
 * written again), channels whose range differs from the tensor's by one ulp (a near tie, decided by
 * the exact sums), and values that the grid clamps.
 */
class OnePassQuantizationTest {

    /** Min-max, but not {@link Observers#minMax()} itself: takes the multi-pass path. */
    private static final Observer MULTI_PASS_MIN_MAX = new Observer() {
        @Override
        public String describe() {
            return "minmax";
        }

        @Override
        public int histogramBins() {
            return 0;
        }

        @Override
        public Range[] clipRanges(RangeStatistics statistics, LinearGrid grid) {
            return Observers.minMax().clipRanges(statistics, grid);
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "on-tensor-grid", "near-tie", "wide-tail"})
    void sameValuesAndBlobsAsTheMultiPassPath(String kind) {
        for (QuantScheme scheme : QuantScheme.values()) {
            for (Granularity g : Granularity.values()) {
                MultiLayerNetwork net = network(kind);
                LinearQuantizer fast = Quantization.linear(8).scheme(scheme).granularity(g).build();
                LinearQuantizer slow = fast.toBuilder().observer(MULTI_PASS_MIN_MAX).build();
                CompressionState s0 = CompressionState.of(net, 42);
                CompressionState a = fast.apply(s0);
                CompressionState b = slow.apply(s0);
                String what = kind + " " + scheme + " " + g;
                for (TensorState t : a.tensors()) {
                    assertArrayEquals(b.tensor(t.name()).values().data(), t.values().data(), what + " " + t.name());
                }
                CompressionResult ra = CompressionResult.of(a, "x", 0);
                CompressionResult rb = CompressionResult.of(b, "x", 0);
                for (int i = 0; i < ra.artifact().tensors().size(); i++) {
                    assertEquals(rb.artifact().blob(i), ra.artifact().blob(i), what + " blob " + i);
                }
                List<TensorReport> ta = ra.report().tensors();
                List<TensorReport> tb = rb.report().tensors();
                for (int i = 0; i < ta.size(); i++) {
                    assertEquals(tb.get(i).nonZeros(), ta.get(i).nonZeros(), what);
                    assertEquals(tb.get(i).maxAbsError(), ta.get(i).maxAbsError(), 1e-6 * tb.get(i).maxAbsError(), what);
                    assertEquals(tb.get(i).signalEnergy(), ta.get(i).signalEnergy(), 1e-5 * tb.get(i).signalEnergy(),
                            what);
                    assertEquals(tb.get(i).noiseEnergy(), ta.get(i).noiseEnergy(), 1e-5 * tb.get(i).noiseEnergy(),
                            what);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "on-tensor-grid"})
    void theEncoderHoldsTheBlobOfItsOwnValuesOnly(String kind) {
        CompressionState s0 = CompressionState.of(network(kind), 42);
        TensorState t = Quantization.int8PerChannel().apply(s0).tensor("0_W");
        PreparedEncoding p = (PreparedEncoding) t.encoder();
        byte[] blob = p.preparedBlob(t.values());
        assertNotNull(blob);
        assertEquals(ByteBuffer.wrap(t.encoder().encode(t.values())), ByteBuffer.wrap(blob));
        assertNull(p.preparedBlob(t.values().copy()), "a copy is not the array the blob was made for");
        assertNotNull(p.preparedErrors(t.original(), t.values()));
        assertNull(p.preparedErrors(t.original().copy(), t.values()));
        CompressionResult r = CompressionResult.of(s0.withTensor(t), "x", 0);
        assertEquals(ByteBuffer.wrap(blob), r.artifact().blob(0), "the artifact holds the prepared blob");
        assertTrue(r.report().tensors().get(0).sqnrDb() > 30, kind + " SQNR " + r.report().tensors().get(0).sqnrDb());
    }

    /** A dense layer of 40 channels x 700 inputs ('f' order) and a convolution, weights of one kind. */
    private static MultiLayerNetwork network(String kind) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().nIn(700).nOut(40).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(12)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        SplittableRandom rnd = new SplittableRandom(kind.hashCode());
        INDArray w = net.getParam("0_W");
        float top = 0.25f;
        float step = top / 127;
        IntToDoubleFunction value = switch (kind) {
            case "gaussian" -> i -> rnd.nextGaussian() * 0.05;
            case "on-tensor-grid" -> i -> (i / 700) % 3 == 0 ? step * (rnd.nextInt(201) - 100)
                    : rnd.nextGaussian() * 0.05;
            // odd channels: a scale one ulp below the tensor's, so that the two errors nearly tie
            case "near-tie" -> i -> i % 700 != 0 ? rnd.nextGaussian() * 0.05
                    : (i / 700) % 2 == 0 ? top : (float) ((double) Math.nextDown(step) * 127);
            default -> i -> rnd.nextDouble() < 0.01 ? rnd.nextGaussian() * 3 : rnd.nextGaussian() * 0.05;
        };
        float[] data = new float[(int) w.length()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) value.applyAsDouble(i);
        }
        data[0] = top;
        // 'f' order [700, 40]: channel c is the run [700 c, 700 (c + 1))
        w.assign(Nd4j.create(data, new long[] {700, 40}, 'f'));
        return net;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void convolutionWeightsToo(int seed) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(24).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(5).build())
                .setInputType(InputType.convolutional(12, 12, 16)).build());
        net.init();
        LinearQuantizer fast = Quantization.int8PerChannel();
        LinearQuantizer slow = fast.toBuilder().observer(MULTI_PASS_MIN_MAX).build();
        CompressionState s0 = CompressionState.of(net, 42);
        CompressionResult ra = CompressionResult.of(fast.apply(s0), "x", 0);
        CompressionResult rb = CompressionResult.of(slow.apply(s0), "x", 0);
        for (int i = 0; i < ra.artifact().tensors().size(); i++) {
            assertEquals(rb.artifact().blob(i), ra.artifact().blob(i), "blob " + i);
        }
        assertArrayEquals(rb.artifact().decodeParameters(), ra.artifact().decodeParameters());
    }
}
