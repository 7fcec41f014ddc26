package dev.compressor.api.profile;

import com.google.common.math.Quantiles;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How a candidate compares with a baseline measured in the same rounds: the median over the rounds
 * of the per-round ratio {@code candidate / baseline} (below 1 = the candidate costs less), a 95 %
 * confidence interval from a bootstrap of the rounds, and a verdict that is given only when the
 * interval says so.
 *
 * <p>Why per-round ratios: a machine's speed changes in phases (measured here on 2 cores: stretches
 * of 10-20 rounds at 300 ms between stretches at 180 ms, both arms alike); each round's ratio
 * cancels the phase it ran in, while a ratio of the two arms' medians does not (each median can fall
 * in a different phase). The interval: the rounds are resampled with replacement {@value #RESAMPLES}
 * times, the median ratio is computed on each resample, and the 2.5th and 97.5th percentiles of those
 * medians bound the interval (percentile bootstrap). The resampling is seeded: the same values give
 * the same interval.
 *
 * <p>The verdict, with a margin {@code m} (for example 0.05): {@link Verdict#HIGHER} when the whole
 * interval lies above {@code 1 + m}; {@link Verdict#LOWER} when it lies below {@code 1 / (1 + m)};
 * {@link Verdict#SAME} when it lies inside {@code [1 / (1 + m), 1 + m]}; otherwise, and always with
 * fewer than {@value #MIN_ROUNDS_FOR_VERDICT} rounds, {@link Verdict#UNDECIDED}. Immutable.
 *
 * @param rounds paired values the ratio rests on
 * @param ratio the median over the rounds of {@code candidate / baseline}
 * @param lower lower end of the 95 % interval of the ratio
 * @param upper upper end of the 95 % interval of the ratio
 * @param margin the margin of the verdict, a fraction in [0, 1)
 * @param verdict what the interval says
 */
public record PairedComparison(int rounds, double ratio, double lower, double upper, double margin, Verdict verdict) {

    /** Bootstrap resamples drawn for the interval. */
    public static final int RESAMPLES = 2000;
    /** Fewest rounds that can give a verdict other than {@link Verdict#UNDECIDED}. */
    public static final int MIN_ROUNDS_FOR_VERDICT = 8;
    /** The margin the study and the advisor use unless told otherwise: 5 %. */
    public static final double DEFAULT_MARGIN = 0.05;
    private static final long SEED = 0x5EED_2018_1019L;

    /** What a paired comparison says of the candidate against the baseline. */
    public enum Verdict {
        /** The whole interval lies below {@code 1 / (1 + margin)}: the candidate costs less (is faster). */
        LOWER,
        /** The whole interval lies within the margin around 1: no difference worth the name. */
        SAME,
        /** The whole interval lies above {@code 1 + margin}: the candidate costs more (is slower). */
        HIGHER,
        /** The interval straddles a margin's edge, or there were too few rounds: no verdict. */
        UNDECIDED;

        /**
         * The verdict in the words of a latency comparison.
         *
         * @return {@code faster}, {@code same}, {@code slower} or {@code undecided}
         */
        public String latencyWord() {
            return switch (this) {
                case LOWER -> "faster";
                case SAME -> "same";
                case HIGHER -> "slower";
                case UNDECIDED -> "undecided";
            };
        }

        /**
         * The verdict in the words of a cost such as energy or memory.
         *
         * @return {@code lower}, {@code same}, {@code higher} or {@code undecided}
         */
        public String costWord() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if rounds is below 1, the margin is outside [0, 1) or the
     *     interval does not hold the ratio
     */
    public PairedComparison {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("margin must be in [0, 1), got " + margin);
        }
        if (!(lower <= ratio && ratio <= upper)) {
            throw new IllegalArgumentException("the interval [" + lower + ", " + upper + "] must hold the ratio " + ratio);
        }
        java.util.Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * Compares paired values: {@code candidate[i]} and {@code baseline[i]} were measured in the same
     * round.
     *
     * @param baseline the baseline's value per round (for example nanoseconds), all positive
     * @param candidate the candidate's value per round, all positive
     * @param margin the verdict's margin, in [0, 1)
     * @return the comparison
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a value
     *     that is not finite and positive
     */
    public static PairedComparison of(double[] baseline, double[] candidate, double margin) {
        if (baseline.length == 0 || baseline.length != candidate.length) {
            throw new IllegalArgumentException("need the same positive number of baseline and candidate values, got "
                    + baseline.length + " and " + candidate.length);
        }
        for (int i = 0; i < baseline.length; i++) {
            if (!(baseline[i] > 0 && candidate[i] > 0) || Double.isInfinite(baseline[i])
                    || Double.isInfinite(candidate[i])) {
                throw new IllegalArgumentException("round " + i + " holds a value that is not finite and positive: "
                        + "baseline " + baseline[i] + ", candidate " + candidate[i]);
            }
        }
        int n = baseline.length;
        double[] perRound = new double[n];
        for (int i = 0; i < n; i++) {
            perRound[i] = candidate[i] / baseline[i];
        }
        double ratio = Quantiles.median().compute(perRound);
        double[] ratios = new double[RESAMPLES];
        double[] sample = new double[n];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                sample[i] = perRound[random.nextInt(n)];
            }
            ratios[r] = Quantiles.median().computeInPlace(sample);
        }
        // Outward order statistics (floor below, ceil above), not Quantiles' linear interpolation:
        // the interval is never narrower than the interpolated one, and its ends are ratios
        // actually seen in a resample.
        Arrays.sort(ratios);
        double lower = Math.min(ratio, ratios[(int) Math.floor(0.025 * (RESAMPLES - 1))]);
        double upper = Math.max(ratio, ratios[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
        return new PairedComparison(n, ratio, lower, upper, margin, verdict(n, lower, upper, margin));
    }

    private static Verdict verdict(int rounds, double lower, double upper, double margin) {
        if (rounds < MIN_ROUNDS_FOR_VERDICT) {
            return Verdict.UNDECIDED;
        }
        double high = 1 + margin;
        double low = 1 / high;
        if (lower > high) {
            return Verdict.HIGHER;
        }
        if (upper < low) {
            return Verdict.LOWER;
        }
        if (lower >= low && upper <= high) {
            return Verdict.SAME;
        }
        return Verdict.UNDECIDED;
    }

    /**
     * The comparison as text, e.g. {@code 1.09x [1.07, 1.11]}.
     *
     * @return the ratio and its interval, two decimals
     */
    public String format() {
        return String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", ratio, lower, upper);
    }
}
