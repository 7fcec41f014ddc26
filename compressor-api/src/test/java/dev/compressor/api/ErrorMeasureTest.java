package dev.compressor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.encoding.PreparedEncoding.ErrorSums;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ErrorMeasure} against sums taken element by element in double: the float-lane form within
 * 1e-5, the double form for magnitudes a float square would overflow or underflow, NaN propagated,
 * non-zeros exact, an offset into the stored vector honoured.
 */
class ErrorMeasureTest {

    @ParameterizedTest
    @CsvSource({"1, 1.0, 0.01", "1000, 1.0, 0.01", "200003, 0.05, 0.001", "70000, 1e20, 1e15", "70000, 1e-20, 1e-25",
        "300000, 3.0, 0.0"})
    void sumsMatchTheDoubleReference(int n, double sigma, double noise) {
        SplittableRandom rnd = new SplittableRandom(n);
        float[] original = new float[n];
        float[] stored = new float[n + 7];
        for (int i = 0; i < n; i++) {
            original[i] = (float) (rnd.nextGaussian() * sigma);
            stored[7 + i] = rnd.nextInt(10) == 0 ? 0f : (float) (original[i] + rnd.nextGaussian() * noise);
        }
        ErrorSums got = ErrorMeasure.of(original, stored, 7);
        double signal = 0;
        double noiseSum = 0;
        double max = 0;
        long nonZeros = 0;
        for (int i = 0; i < n; i++) {
            double e = (double) original[i] - stored[7 + i];
            signal += (double) original[i] * original[i];
            noiseSum += e * e;
            max = Math.max(max, Math.abs(e));
            nonZeros += stored[7 + i] != 0 ? 1 : 0;
        }
        assertEquals(nonZeros, got.nonZeros());
        assertEquals(signal, got.signalEnergy(), 1e-5 * signal);
        assertEquals(noiseSum, got.noiseEnergy(), 1e-5 * noiseSum);
        assertEquals(max, got.maxAbsError(), 1e-6 * max);
    }

    @ParameterizedTest
    @CsvSource({"10", "100000"})
    void aNanPropagates(int n) {
        float[] original = new float[n];
        float[] stored = new float[n];
        original[n / 2] = Float.NaN;
        ErrorSums got = ErrorMeasure.of(original, stored, 0);
        assertTrue(Double.isNaN(got.signalEnergy()) && Double.isNaN(got.noiseEnergy()), got.toString());
    }
}
