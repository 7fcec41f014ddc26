package dev.compressor.quant;

/**
 * Picks, per channel, the shrinkage {@code alpha} of the observed range that minimises the expected
 * squared error over the histogram: {@code scale^2 / 12} per value inside the grid, the squared
 * distance to the nearest grid end per value outside.
 */
final class MseObserver implements Observer {

    static final MseObserver INSTANCE = new MseObserver();
    static final int BINS = 1024;
    static final int CANDIDATES = 64;

    private MseObserver() {
    }

    @Override
    public String describe() {
        return "mse";
    }

    @Override
    public int histogramBins() {
        return BINS;
    }

    @Override
    public Range[] clipRanges(RangeStatistics statistics, LinearGrid grid) {
        Range[] out = new Range[statistics.channels()];
        for (int c = 0; c < out.length; c++) {
            out[c] = best(statistics.histogram(c), statistics.min(c), statistics.max(c), grid);
        }
        return out;
    }

    private static Range best(long[] h, double min, double max, LinearGrid grid) {
        double lo0 = Math.min(min, 0);
        double hi0 = Math.max(max, 0);
        if (grid.scheme() == QuantScheme.SYMMETRIC) {
            double a = Math.max(-lo0, hi0);
            lo0 = -a;
            hi0 = a;
        }
        Range best = new Range(lo0, hi0);
        double bestNoise = Double.POSITIVE_INFINITY;
        double width = (max - min) / h.length;
        for (int k = 0; k < CANDIDATES; k++) {
            double alpha = 1.0 - 0.75 * k / CANDIDATES;
            double lo = lo0 * alpha;
            double hi = hi0 * alpha;
            LinearGrid.Affine a = grid.params(lo, hi);
            double s = a.scale();
            double gridLo = (double) (0 - a.zeroPoint()) * s;
            double gridHi = (double) (grid.maxCode() - a.zeroPoint()) * s;
            double noise = 0;
            for (int i = 0; i < h.length; i++) {
                if (h[i] == 0) {
                    continue;
                }
                double x = min + (i + 0.5) * width;
                double e;
                if (x < gridLo) {
                    e = (gridLo - x) * (gridLo - x);
                } else if (x > gridHi) {
                    e = (x - gridHi) * (x - gridHi);
                } else {
                    e = s * s / 12;
                }
                noise += h[i] * e;
            }
            if (noise < bestNoise) {
                bestNoise = noise;
                best = new Range(lo, hi);
            }
        }
        return best;
    }
}
