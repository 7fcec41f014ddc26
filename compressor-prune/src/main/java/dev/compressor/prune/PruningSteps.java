package dev.compressor.prune;

import dev.compressor.api.recalibration.BatchNormRecalibration;
import org.deeplearning4j.nn.api.Model;

/**
 * When {@link FineTunedPruning} prunes: step {@code k} of {@code total} once the share of the budget
 * spent reaches {@code (k - 1) / total * rampFraction} (the first at the start), each to the
 * schedule's sparsity at {@code k}; batch normalisation is recalibrated after each pruning step (in
 * one forward pass, {@link BatchNormRecalibration#inOnePass()}: training normalises with batch
 * statistics anyway) and exactly at the end, for inference. Without a listener (channel pruning, done before training) it only recalibrates, at
 * the start and at the end. Not thread-safe.
 */
final class PruningSteps {

    private final Model net;
    private final MaskingListener listener;
    private final PolynomialSchedule schedule;
    private final int total;
    private final double rampFraction;
    private final BatchNormRecalibration bn;
    private final BatchNormRecalibration bnStep;
    private int done;
    private int recalibrations;

    PruningSteps(Model net, MaskingListener listener, PolynomialSchedule schedule, int total, double rampFraction,
            BatchNormRecalibration bn) {
        this.net = net;
        this.listener = listener;
        this.schedule = schedule;
        this.total = total;
        this.rampFraction = rampFraction;
        this.bn = bn;
        this.bnStep = bn == null ? null : bn.inOnePass();
    }

    /**
     * Prunes if the share of the budget spent calls for a new step.
     *
     * @param progress the share of the budget spent, in [0, 1]
     */
    void advance(double progress) {
        if (listener == null) {
            if (recalibrations == 0) {
                recalibrate(bnStep);
            }
            return;
        }
        int k = (int) Math.min(total, Math.floor(progress / rampFraction * total + 1e-9) + 1);
        if (k > done) {
            done = k;
            listener.pruneTo(schedule.sparsityAt(k));
            recalibrate(bnStep);
        }
    }

    /** Reaches the final sparsity if the budget ended before the ramp did, then recalibrates. */
    void finish() {
        if (listener != null && done < total) {
            advance(rampFraction);
        }
        recalibrate(bn);
    }

    private void recalibrate(BatchNormRecalibration how) {
        if (how != null) {
            how.recalibrate(net);
            recalibrations++;
        }
    }

    int pruningSteps() {
        return done;
    }

    int recalibrations() {
        return recalibrations;
    }
}
