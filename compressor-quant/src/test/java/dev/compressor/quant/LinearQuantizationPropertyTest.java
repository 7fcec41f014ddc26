package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.TensorState;
import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.ParamKind;
import dev.compressor.api.tensor.TensorInfo;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.internal.LinearIntEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Properties of linear quantization on random tensors (fixed seeds, many cases). */
class LinearQuantizationPropertyTest {

    static TensorState tensor(TensorLayout layout, int axis, float[] data) {
        TensorInfo info = new TensorInfo("t_W", "t", "DenseLayer", "W", ParamKind.WEIGHT, layout, axis, 0);
        FloatTensor t = new FloatTensor(layout, data);
        return new TensorState(info, t, t, DenseEncoders.f32());
    }

    /** A random layout of rank 1..4, a valid axis, and values from one of several distributions. */
    static TensorState randomTensor(Random rnd) {
        int rank = 1 + rnd.nextInt(4);
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = 1 + rnd.nextInt(rank == 1 ? 300 : 12);
        }
        TensorLayout layout = TensorLayout.of(rnd.nextBoolean() ? 'c' : 'f', shape);
        int axis = rnd.nextInt(rank + 1) - 1;
        float[] d = new float[layout.length()];
        int kind = rnd.nextInt(6);
        double magnitude = Math.pow(10, rnd.nextInt(13) - 6);
        for (int i = 0; i < d.length; i++) {
            double x = switch (kind) {
                case 0 -> rnd.nextGaussian();
                case 1 -> rnd.nextDouble() * 2 - 1;
                case 2 -> rnd.nextDouble(); // all positive
                case 3 -> rnd.nextGaussian() * (rnd.nextInt(50) == 0 ? 30 : 1); // outliers
                case 4 -> 0.7; // constant
                default -> rnd.nextGaussian() * (1 + layout.coordinate(i, Math.max(axis, 0))); // channel spread
            };
            d[i] = (float) (x * magnitude);
        }
        return tensor(layout, axis, d);
    }

    static float[] decode(TensorState q) {
        byte[] blob = q.encoder().encode(q.values());
        float[] back = new float[q.values().length()];
        try {
            TensorEncodings.installed().decode(q.encoder().encodingId(), q.encoder().encodingVersion(),
                    ByteBuffer.wrap(blob), q.values().layout(), back, 0);
        } catch (CorruptTensorException e) {
            throw new AssertionError(e);
        }
        return back;
    }

    static double noise(TensorState q) {
        float[] a = q.original().data();
        float[] b = q.values().data();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double e = (double) a[i] - b[i];
            s += e * e;
        }
        return s;
    }

    static double sqnrDb(TensorState q) {
        double signal = 0;
        for (float x : q.original().data()) {
            signal += (double) x * x;
        }
        return 10 * Math.log10(signal / noise(q));
    }

    @Test
    void anyTensorRoundTripsExactlyAndWithinHalfAStepOfItsScale() {
        Random rnd = new Random(20261128);
        for (int trial = 0; trial < 400; trial++) {
            TensorState t = randomTensor(rnd);
            int bits = 2 + rnd.nextInt(15);
            QuantScheme scheme = rnd.nextBoolean() ? QuantScheme.SYMMETRIC : QuantScheme.ASYMMETRIC;
            Granularity g = rnd.nextBoolean() ? Granularity.PER_CHANNEL : Granularity.PER_TENSOR;
            TensorState q = new LinearTensorQuantizer(new LinearGrid(bits, scheme), g, Observers.minMax()).apply(t);
            String where = "trial " + trial + " " + t.info().layout() + " axis " + t.info().outputAxis() + " "
                    + q.encoder().describe();
            assertArrayEquals(q.values().data(), decode(q), where);
            LinearIntEncoder enc = (LinearIntEncoder) q.encoder();
            ChannelSplit split = enc.split();
            float[] x = t.values().data();
            float[] y = q.values().data();
            for (int i = 0; i < x.length; i++) {
                float s = enc.scale(split.channelOf(i));
                // half a step, plus the float rounding of x * (1 / scale) (relative 2^-23 of |x|)
                double bound = s / 2.0 * (1 + 1e-6) + 4 * Math.ulp(Math.abs(x[i]) + s);
                assertTrue(Math.abs((double) x[i] - y[i]) <= bound, where + ": element " + i + " " + x[i] + " -> "
                        + y[i] + " exceeds scale/2 = " + s / 2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7, 8, 9, 10, 11, 12})
    void uniformDataMeetsTheClosedFormSqnr(int bits) {
        Random rnd = new Random(bits);
        float[] d = new float[1 << 20];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        TensorState t = tensor(TensorLayout.vector(d.length), -1, d);
        double asym = sqnrDb(new LinearTensorQuantizer(new LinearGrid(bits, QuantScheme.ASYMMETRIC),
                Granularity.PER_TENSOR, Observers.minMax()).apply(t));
        double sym = sqnrDb(new LinearTensorQuantizer(new LinearGrid(bits, QuantScheme.SYMMETRIC),
                Granularity.PER_TENSOR, Observers.minMax()).apply(t));
        double asymExpected = 20 * Math.log10((1 << bits) - 1);
        double symExpected = 20 * Math.log10((1 << bits) - 2);
        System.out.printf("uniform SQNR b=%d: asym %.3f dB (closed form %.3f), sym %.3f dB (closed form %.3f)%n",
                bits, asym, asymExpected, sym, symExpected);
        assertEquals(asymExpected, asym, 0.5, "asymmetric " + bits + " bits");
        assertEquals(symExpected, sym, 0.5, "symmetric " + bits + " bits");
    }

    @Test
    void perChannelIsNeverWorseThanPerTensor() {
        Random rnd = new Random(99);
        for (Observer obs : List.of(Observers.minMax(), Observers.percentile(99.9), Observers.mseOptimal())) {
            for (int trial = 0; trial < 60; trial++) {
                TensorState t = randomTensor(rnd);
                if (t.info().outputAxis() < 0) {
                    continue;
                }
                LinearGrid grid = new LinearGrid(2 + rnd.nextInt(11),
                        rnd.nextBoolean() ? QuantScheme.SYMMETRIC : QuantScheme.ASYMMETRIC);
                double perChannel = noise(new LinearTensorQuantizer(grid, Granularity.PER_CHANNEL, obs).apply(t));
                double perTensor = noise(new LinearTensorQuantizer(grid, Granularity.PER_TENSOR, obs).apply(t));
                assertTrue(perChannel <= perTensor * (1 + 1e-9), obs.describe() + " trial " + trial + " "
                        + grid.describe() + " " + t.info().layout() + ": per-channel noise " + perChannel
                        + " > per-tensor " + perTensor);
            }
        }
    }

    @Test
    void perChannelHelpsWhenChannelsDifferInScale() {
        TensorLayout layout = TensorLayout.of('f', 256, 16);
        float[] d = new float[layout.length()];
        Random rnd = new Random(1);
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextGaussian() * Math.pow(2, layout.coordinate(i, 1) % 8));
        }
        TensorState t = tensor(layout, 1, d);
        LinearGrid g = new LinearGrid(4, QuantScheme.SYMMETRIC);
        double pc = sqnrDb(new LinearTensorQuantizer(g, Granularity.PER_CHANNEL, Observers.minMax()).apply(t));
        double pt = sqnrDb(new LinearTensorQuantizer(g, Granularity.PER_TENSOR, Observers.minMax()).apply(t));
        assertTrue(pc > pt + 3, "per-channel " + pc + " dB vs per-tensor " + pt + " dB");
    }
}
