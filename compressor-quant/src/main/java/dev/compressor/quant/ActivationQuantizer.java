package dev.compressor.quant;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.TensorState;
import dev.compressor.quant.internal.FakeQuantActivation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Simulated activation quantization: calibrates a per-tensor grid for the output of every layer
 * that has an activation function, by running sample inputs through the network's own forward
 * pass and observing each layer's output, then replaces each such activation by one that rounds
 * its output onto the grid. The network's outputs then show what integer activations would do to
 * accuracy; weights and their encodings are left as they are (compose with a weight quantizer:
 * {@code weights.then(activations)} calibrates on the quantized weights).
 *
 * <p>Output layers keep full-precision outputs unless {@link Builder#includeOutputLayer()} is set.
 * A restored artifact of such a network needs this module on the class path. Create with
 * {@link Quantization#activations(INDArray...)}. Immutable and thread-safe.
 */
public final class ActivationQuantizer implements Compressor {

    private static final int BATCH = 256;

    private final LinearGrid grid;
    private final Observer observer;
    private final boolean includeOutput;
    private final INDArray[] calibration;

    private ActivationQuantizer(Builder b) {
        this.grid = new LinearGrid(b.bits, b.scheme);
        this.observer = b.observer;
        this.includeOutput = b.includeOutput;
        this.calibration = b.calibration;
    }

    static Builder builder(INDArray... calibration) {
        return new Builder(calibration);
    }

    @Override
    public String describe() {
        return "activations " + grid.describe() + " per-tensor " + observer.describe()
                + (includeOutput ? " (with output layer)" : "");
    }

    @Override
    public CompressionState apply(CompressionState state) {
        Objects.requireNonNull(state, "state");
        Model net = state.toNetwork();
        Map<String, RangeStatistics> stats = new LinkedHashMap<>();
        long n = calibration[0].size(0);
        for (long from = 0; from < n; from += BATCH) {
            INDArray[] batch = slice(calibration, from, Math.min(n, from + BATCH));
            observe(forward(net, batch), stats);
        }
        for (Map.Entry<String, Layer> e : quantizable(net).entrySet()) {
            RangeStatistics s = stats.get(e.getKey());
            if (s == null) {
                throw new IllegalStateException("the forward pass produced no activation for layer '" + e.getKey() + "'");
            }
            Observer.Range r = observer.clipRanges(s, grid)[0];
            LinearGrid.Affine a = grid.params(r.lo(), r.hi());
            setActivation(e.getValue(), new FakeQuantActivation(baseActivation(e.getValue()), a.scale(),
                    a.zeroPoint(), grid.maxCode()));
        }
        CompressionState out = state.withNetwork(net, describe());
        for (TensorState t : state.tensors()) {
            out = out.withTensor(t);
        }
        return out;
    }

    private void observe(Map<String, INDArray> acts, Map<String, RangeStatistics> stats) {
        for (Map.Entry<String, INDArray> e : acts.entrySet()) {
            float[] v = e.getValue().castTo(DataType.FLOAT).dup('c').data().asFloat();
            RangeStatistics s = observer.observe(v, ChannelSplit.perTensor(v.length));
            stats.merge(e.getKey(), s, RangeStatistics::plus);
        }
    }

    /** Each quantizable layer's output on a batch, keyed by layer name (MLN: index). */
    private Map<String, INDArray> forward(Model net, INDArray[] batch) {
        Map<String, Layer> layers = quantizable(net);
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (net instanceof MultiLayerNetwork mln) {
            List<INDArray> acts = mln.feedForward(batch[0], false);
            for (int i = 0; i < mln.getnLayers(); i++) {
                if (layers.containsKey(String.valueOf(i))) {
                    out.put(String.valueOf(i), acts.get(i + 1));
                }
            }
        } else {
            Map<String, INDArray> acts = ((ComputationGraph) net).feedForward(batch, false);
            for (String name : layers.keySet()) {
                out.put(name, acts.get(name));
            }
        }
        return out;
    }

    /** The layer configurations whose activation gets quantized, keyed by MLN index or vertex name. */
    private Map<String, Layer> quantizable(Model net) {
        Map<String, Layer> out = new LinkedHashMap<>();
        if (net instanceof MultiLayerNetwork mln) {
            int nLayers = mln.getnLayers();
            for (int i = 0; i < nLayers; i++) {
                Layer l = mln.getLayerWiseConfigurations().getConf(i).getLayer();
                if (hasActivation(l) && (includeOutput || !isOutput(l) && i < nLayers - 1)) {
                    out.put(String.valueOf(i), l);
                }
            }
        } else {
            ComputationGraphConfiguration conf = ((ComputationGraph) net).getConfiguration();
            for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
                if (e.getValue() instanceof LayerVertex lv) {
                    Layer l = lv.getLayerConf().getLayer();
                    boolean output = isOutput(l) || conf.getNetworkOutputs().contains(e.getKey());
                    if (hasActivation(l) && (includeOutput || !output)) {
                        out.put(e.getKey(), l);
                    }
                }
            }
        }
        return out;
    }

    private static boolean hasActivation(Layer l) {
        return l instanceof BaseLayer || l instanceof ActivationLayer;
    }

    private static boolean isOutput(Layer l) {
        return l instanceof BaseOutputLayer || l instanceof LossLayer;
    }

    private static IActivation baseActivation(Layer l) {
        IActivation a = l instanceof BaseLayer b ? b.getActivationFn() : ((ActivationLayer) l).getActivationFn();
        return a instanceof FakeQuantActivation f ? f.inner() : a;
    }

    private static void setActivation(Layer l, IActivation a) {
        if (l instanceof BaseLayer b) {
            b.setActivationFn(a);
        } else {
            ((ActivationLayer) l).setActivationFn(a);
        }
    }

    private static INDArray[] slice(INDArray[] inputs, long from, long to) {
        INDArray[] out = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = inputs[i].get(pointAll(inputs[i].rank(), from, to));
        }
        return out;
    }

    private static INDArrayIndex[] pointAll(int rank, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[0] = NDArrayIndex.interval(from, to);
        return idx;
    }

    /** Settings of an {@link ActivationQuantizer}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private final INDArray[] calibration;
        private int bits = 8;
        private QuantScheme scheme = QuantScheme.ASYMMETRIC;
        private Observer observer = Observers.minMax();
        private boolean includeOutput;

        private Builder(INDArray... calibration) {
            Objects.requireNonNull(calibration, "calibration");
            if (calibration.length == 0) {
                throw new IllegalArgumentException("give at least one calibration input array");
            }
            long n = -1;
            for (INDArray a : calibration) {
                Objects.requireNonNull(a, "calibration input");
                if (a.rank() < 2 || a.size(0) < 1 || n >= 0 && a.size(0) != n) {
                    throw new IllegalArgumentException("calibration inputs must be batches with the same number of "
                            + "examples, got shape " + Arrays.toString(a.shape()));
                }
                n = a.size(0);
            }
            this.calibration = calibration.clone();
        }

        /**
         * Sets the activation bit width.
         *
         * @param value 2..16 (default 8)
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder bits(int value) {
            new LinearGrid(value, scheme);
            this.bits = value;
            return this;
        }

        /** Sets the scheme (default asymmetric). @param value the scheme @return this builder */
        public Builder scheme(QuantScheme value) {
            this.scheme = Objects.requireNonNull(value, "scheme");
            return this;
        }

        /** Sets the calibration observer (default min-max). @param value the observer @return this builder */
        public Builder observer(Observer value) {
            this.observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /** Quantizes the output layers' activations too. @return this builder */
        public Builder includeOutputLayer() {
            this.includeOutput = true;
            return this;
        }

        /** Builds the quantizer. @return the quantizer */
        public ActivationQuantizer build() {
            return new ActivationQuantizer(this);
        }
    }
}
