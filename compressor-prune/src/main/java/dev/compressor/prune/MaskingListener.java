package dev.compressor.prune;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DL4J training listener of {@link GradualPruning}: after every iteration (parameter update) it
 * recomputes the masks if the schedule says so and multiplies the network's parameters by them.
 * Schedule steps are counted from 0 at the first update after the listener was added. A listener
 * made for {@link FineTunedPruning} follows no schedule of its own: its caller decides when to prune
 * (by the share of the budget spent), and the listener only holds the masks through every update.
 * Created by {@link GradualPruning#listener(Model)}; bound to one network; not thread-safe (DL4J
 * calls it from the training thread).
 */
public final class MaskingListener extends BaseTrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(MaskingListener.class);

    private final Model network;
    private final PolynomialSchedule schedule;
    private final DoubleFunction<PruningMethod> method;
    private final boolean global;
    private final List<TensorInfo> selected = new ArrayList<>();
    private final Map<String, Mask> masks = new LinkedHashMap<>();
    private final long parameterCount;
    private INDArray flatMask;
    private double target;
    private int recomputations;
    private long step;

    MaskingListener(Model network, PolynomialSchedule schedule, DoubleFunction<PruningMethod> method, boolean global,
            TensorSelector selector) {
        this.network = network;
        this.schedule = schedule;
        this.method = method;
        this.global = global;
        CompressionState state = CompressionState.of(network, 0);
        this.parameterCount = state.parameterCount();
        for (TensorState t : state.tensors()) {
            if (selector.test(t.info())) {
                selected.add(t.info());
                masks.put(t.name(), Mask.nonZero(t.values().data()));
            }
        }
        rebuildFlatMask();
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (model != network) {
            throw new IllegalStateException("this listener belongs to another network");
        }
        if (schedule != null && schedule.isPruningStep(step)) {
            recompute(schedule.sparsityAt(step));
        }
        step++;
        INDArray params = model.params();
        params.muli(flatMask.reshape(params.shape()));
    }

    /**
     * The number of parameter updates seen so far: the schedule's step counter. It counts this
     * listener's own calls, because DL4J's iteration number restarts in some training paths.
     *
     * @return the steps
     */
    public long steps() {
        return step;
    }

    /**
     * Recomputes the masks for a target sparsity now (composed with the current ones) and zeroes the
     * pruned parameters at once, without waiting for the next update.
     *
     * @param sparsity the target, in [0, 1)
     */
    void pruneTo(double sparsity) {
        recompute(Checks.sparsity(sparsity));
        INDArray params = network.params();
        params.muli(flatMask.reshape(params.shape()));
    }

    private void recompute(double sparsity) {
        target = sparsity;
        recomputations++;
        CompressionState state = CompressionState.of(network, 0);
        List<FloatTensor> values = new ArrayList<>();
        List<Mask> priors = new ArrayList<>();
        for (TensorInfo info : selected) {
            values.add(state.tensor(info.name()).values());
            priors.add(masks.get(info.name()));
        }
        List<Mask> next;
        if (global) {
            next = new GlobalMagnitude(sparsity).computeMasks(values, priors);
        } else {
            PruningMethod m = method.apply(sparsity);
            next = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                next.add(m.computeMask(values.get(i), priors.get(i)));
            }
        }
        for (int i = 0; i < selected.size(); i++) {
            masks.put(selected.get(i).name(), next.get(i));
        }
        rebuildFlatMask();
        LOG.debug("pruning step {}: target sparsity {}", recomputations, sparsity);
    }

    private void rebuildFlatMask() {
        float[] flat = new float[Math.toIntExact(parameterCount)];
        Arrays.fill(flat, 1f);
        for (TensorInfo info : selected) {
            Mask m = masks.get(info.name());
            int off = (int) info.flatOffset();
            for (int i = 0; i < m.length(); i++) {
                if (!m.isKept(i)) {
                    flat[off + i] = 0f;
                }
            }
        }
        flatMask = Nd4j.createFromArray(flat).castTo(network.params().dataType());
    }

    /**
     * The current masks by tensor name.
     *
     * @return a copy of the map (masks are immutable)
     */
    public Map<String, Mask> masks() {
        return new LinkedHashMap<>(masks);
    }

    /**
     * The target sparsity of the last pruning step.
     *
     * @return the target, 0 before the first
     */
    public double targetSparsity() {
        return target;
    }

    /**
     * How many times the masks were recomputed.
     *
     * @return the count
     */
    public int pruningSteps() {
        return recomputations;
    }
}
