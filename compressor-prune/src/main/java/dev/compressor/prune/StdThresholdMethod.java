package dev.compressor.prune;

import dev.compressor.api.tensor.FloatTensor;
import java.util.Locale;

/** Han et al.'s pruning: magnitude below quality times the standard deviation. Immutable. */
record StdThresholdMethod(double quality) implements PruningMethod {

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "std-threshold(%.4g)", quality);
    }

    @Override
    public Mask computeMask(FloatTensor tensor, Mask prior) {
        float[] d = tensor.data();
        Checks.sameLength(prior, d.length);
        Checks.noNan(d, prior);
        double sum = 0;
        double sq = 0;
        long n = 0;
        long[] bits = prior.bits();
        for (int i = 0; i < d.length; i++) {
            if ((bits[i >>> 6] & (1L << i)) != 0) {
                sum += d[i];
                sq += (double) d[i] * d[i];
                n++;
            }
        }
        if (n == 0) {
            return prior;
        }
        double mean = sum / n;
        double threshold = quality * Math.sqrt(Math.max(0, sq / n - mean * mean));
        long[] keep = bits.clone();
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i]) < threshold) {
                keep[i >>> 6] &= ~(1L << i);
            }
        }
        return Mask.wrap(keep, d.length);
    }
}
