package dev.compressor.prune;

import dev.compressor.api.tensor.FloatTensor;

/** N:M pruning over groups of M consecutive elements in flat order. Immutable. */
record NOfMMethod(int n, int m) implements PruningMethod {

    @Override
    public String describe() {
        return n + ":" + m;
    }

    @Override
    public Mask computeMask(FloatTensor tensor, Mask prior) {
        float[] d = tensor.data();
        Checks.sameLength(prior, d.length);
        if (d.length % m != 0) {
            throw new IllegalArgumentException("N:M pruning with M=" + m + " needs a length that is a multiple of "
                    + m + "; tensor " + tensor.layout() + " has " + d.length + " elements");
        }
        Checks.noNan(d, prior);
        long[] keep = prior.toBits();
        for (int g = 0; g < d.length; g += m) {
            int kept = 0;
            for (int i = g; i < g + m; i++) {
                if ((keep[i >>> 6] & (1L << i)) != 0) {
                    kept++;
                }
            }
            for (; kept > n; kept--) { // prune the smallest kept element, first in flat order on ties
                int min = -1;
                for (int i = g; i < g + m; i++) {
                    if ((keep[i >>> 6] & (1L << i)) != 0 && (min < 0 || Math.abs(d[i]) < Math.abs(d[min]))) {
                        min = i;
                    }
                }
                keep[min >>> 6] &= ~(1L << min);
            }
        }
        return Mask.wrap(keep, d.length);
    }
}
