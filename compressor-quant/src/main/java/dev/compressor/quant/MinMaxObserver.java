package dev.compressor.quant;

/** Clips nothing: the range is the observed minimum and maximum. */
final class MinMaxObserver implements Observer {

    static final MinMaxObserver INSTANCE = new MinMaxObserver();

    private MinMaxObserver() {
    }

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
        Range[] out = new Range[statistics.channels()];
        for (int c = 0; c < out.length; c++) {
            out[c] = new Range(statistics.min(c), statistics.max(c));
        }
        return out;
    }
}
