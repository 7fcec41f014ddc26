package dev.compressor.examples.fidelity;

/**
 * Running sums behind a {@link Fidelity}, so that outputs compared batch by batch give the same result
 * as one comparison over all of them. Arg-max ties go to the lower class index. Softmax and KL
 * divergence are computed in double precision with the maximum subtracted. Not thread-safe.
 */
public final class FidelitySums {

    /** Classes counted for the top-5 agreement. */
    public static final int TOP_K = 5;

    private double maxAbs;
    private double diff2;
    private double ref2;
    private long positions;
    private long top1;
    private long top5;
    private double kl;

    /**
     * Adds one pair of outputs.
     *
     * @param reference the fp32 output's elements (logits)
     * @param actual the compressed network's output elements (logits)
     * @param shape {@code [batch, classes]} or {@code [batch, classes, time]}, C order
     * @throws IllegalArgumentException if the lengths differ from each other or from the shape
     */
    public void add(float[] reference, float[] actual, long[] shape) {
        if (reference.length != actual.length) {
            throw new IllegalArgumentException("output lengths differ: " + reference.length + " vs " + actual.length);
        }
        if (shape.length < 2 || shape.length > 3) {
            throw new IllegalArgumentException("output rank must be 2 or 3, got " + shape.length);
        }
        long product = 1;
        for (long d : shape) {
            product *= d;
        }
        if (product != reference.length) {
            throw new IllegalArgumentException("shape holds " + product + " elements, output has " + reference.length);
        }
        for (int i = 0; i < reference.length; i++) {
            double d = (double) actual[i] - reference[i];
            maxAbs = Math.max(maxAbs, Math.abs(d));
            diff2 += d * d;
            ref2 += (double) reference[i] * reference[i];
        }
        int batch = (int) shape[0];
        int classes = (int) shape[1];
        int time = shape.length == 3 ? (int) shape[2] : 1;
        double[] scratch = new double[classes];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                int base = b * classes * time + t;
                int expected = argmax(reference, base, classes, time);
                if (argmax(actual, base, classes, time) == expected) {
                    top1++;
                }
                if (rank(actual, base, classes, time, expected) < TOP_K) {
                    top5++;
                }
                kl += Math.max(0, kl(reference, actual, base, classes, time, scratch));
                positions++;
            }
        }
    }

    /**
     * The fidelity over everything added.
     *
     * @return the fidelity (agreements 1 and divergence 0 when nothing was added)
     */
    public Fidelity result() {
        double rel = ref2 > 0 ? Math.sqrt(diff2 / ref2) : (diff2 > 0 ? Double.POSITIVE_INFINITY : 0);
        if (positions == 0) {
            return new Fidelity(maxAbs, rel, 1, 1, 0, 0);
        }
        return new Fidelity(maxAbs, rel, (double) top1 / positions, (double) top5 / positions, kl / positions,
                positions);
    }

    private static int argmax(float[] a, int base, int classes, int stride) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (a[base + c * stride] > a[base + best * stride]) {
                best = c;
            }
        }
        return best;
    }

    /** The 0-based rank of class {@code k} by value, ties ranked by class index as in {@link #argmax}. */
    private static int rank(float[] a, int base, int classes, int stride, int k) {
        float v = a[base + k * stride];
        int above = 0;
        for (int c = 0; c < classes; c++) {
            float x = a[base + c * stride];
            if (x > v || (x == v && c < k)) {
                above++;
            }
        }
        return above;
    }

    /**
     * {@code KL(p || q)} of the softmaxes of {@code p}'s and {@code q}'s logits at one position, nats:
     * {@code sum p_i (r_i - a_i) + logsumexp(a) - logsumexp(r)}.
     */
    private static double kl(float[] r, float[] a, int base, int classes, int stride, double[] expR) {
        double maxR = Double.NEGATIVE_INFINITY;
        double maxA = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            maxR = Math.max(maxR, r[base + c * stride]);
            maxA = Math.max(maxA, a[base + c * stride]);
        }
        double sumR = 0;
        double sumA = 0;
        for (int c = 0; c < classes; c++) {
            int i = base + c * stride;
            expR[c] = Math.exp(r[i] - maxR);
            sumR += expR[c];
            sumA += Math.exp(a[i] - maxA);
        }
        double cross = 0;
        for (int c = 0; c < classes; c++) {
            int i = base + c * stride;
            cross += expR[c] * ((double) r[i] - a[i]);
        }
        return cross / sumR + (maxA + Math.log(sumA)) - (maxR + Math.log(sumR));
    }
}
