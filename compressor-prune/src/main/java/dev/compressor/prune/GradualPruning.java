package dev.compressor.prune;

import dev.compressor.api.TensorSelector;
import java.util.Objects;
import java.util.function.DoubleFunction;
import org.deeplearning4j.nn.api.Model;

/**
 * Gradual pruning with masked fine-tuning on DL4J's own training loop: a {@link PolynomialSchedule}
 * raises the target sparsity during training; at each pruning step the masks are recomputed from
 * the current weights (composed with the previous masks, so nothing is revived), and after every
 * parameter update the masks are applied again. Immutable and thread-safe; the listener it creates
 * is not.
 *
 * <pre>{@code
 * MaskingListener pruning = GradualPruning.of(PolynomialSchedule.cubic(0, 0.9, 0, 1500, 50)).listener(net);
 * net.addListeners(pruning);
 * net.fit(trainIterator, 5);                 // DL4J's loop; weights end exactly 90 % sparse
 * CompressionResult r = Pruning.magnitude(0.9).compress(net);   // keeps those zeros, stores them sparsely
 * }</pre>
 */
public final class GradualPruning {

    private final PolynomialSchedule schedule;
    private final DoubleFunction<PruningMethod> method;
    private final boolean global;
    private final TensorSelector selector;

    private GradualPruning(PolynomialSchedule schedule, DoubleFunction<PruningMethod> method, boolean global,
            TensorSelector selector) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.method = method;
        this.global = global;
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    /**
     * Layer-wise magnitude pruning of the weight tensors along a schedule.
     *
     * @param schedule the target sparsity over training steps
     * @return the configuration
     */
    public static GradualPruning of(PolynomialSchedule schedule) {
        return new GradualPruning(schedule, PruningMethod::magnitude, false, TensorSelector.weights());
    }

    /**
     * The same schedule with another method, created for each target sparsity (e.g.
     * {@code s -> PruningMethod.magnitude(s)}).
     *
     * @param methodForSparsity the method for a target sparsity in [0, 1)
     * @return the new configuration
     */
    public GradualPruning method(DoubleFunction<PruningMethod> methodForSparsity) {
        return new GradualPruning(schedule, Objects.requireNonNull(methodForSparsity, "method"), false, selector);
    }

    /**
     * The same schedule with one magnitude threshold across all selected tensors.
     *
     * @return the new configuration
     */
    public GradualPruning global() {
        return new GradualPruning(schedule, method, true, selector);
    }

    /**
     * The same schedule on other tensors (default: {@link TensorSelector#weights()}).
     *
     * @param tensors which tensors
     * @return the new configuration
     */
    public GradualPruning on(TensorSelector tensors) {
        return new GradualPruning(schedule, method, global, tensors);
    }

    /**
     * The schedule.
     *
     * @return the schedule
     */
    public PolynomialSchedule schedule() {
        return schedule;
    }

    /**
     * A training listener for one network; add it with {@code network.addListeners(listener)} and
     * train with {@code fit}.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph with FLOAT parameters
     * @return the listener, which starts from the network's current zeros as its masks
     */
    public MaskingListener listener(Model network) {
        return new MaskingListener(network, schedule, method, global, selector);
    }

    /**
     * A listener that holds the masks through every update but follows no schedule: the caller prunes
     * with {@link MaskingListener#pruneTo(double)} (used by {@link FineTunedPruning}, which prunes by
     * the share of its budget spent and reads the target sparsities from {@link #schedule()}).
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph with FLOAT parameters
     * @return the listener
     */
    MaskingListener callerDrivenListener(Model network) {
        return new MaskingListener(network, null, method, global, selector);
    }
}
