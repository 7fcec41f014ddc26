package dev.compressor.quant;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * DL4J weight noise that fake-quantizes one layer's chosen parameters: every time the layer's
 * forward pass asks for a parameter (training and inference alike), it gets the values the
 * post-training {@link LinearQuantizer} would store for it, computed from the current fp32 values
 * by the same code ({@link LinearTensorQuantizer#quantize}): same grid, observer, channel split and
 * per-tensor fallback per channel. DL4J computes the gradient against these values and applies it
 * to the fp32 parameter, which is the straight-through estimator.
 *
 * <p>Serialised in DL4J's JSON configuration through its fields and the no-argument constructor;
 * the observer is stored by its description, so only the built-in observers survive a JSON round
 * trip. Immutable once constructed; thread-safe.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
final class FakeQuantizedWeights implements IWeightNoise {

    private static final long serialVersionUID = 1L;

    private QuantScheme scheme;
    private String observer;
    private Map<String, Integer> bits;
    private Map<String, int[]> splits;
    private transient volatile Observer observerInstance;

    /** For JSON deserialisation only. */
    FakeQuantizedWeights() {
    }

    /**
     * Creates the noise for one layer.
     *
     * @param scheme the grid's scheme
     * @param observer how each step's clipping range is chosen
     * @param bits bits per fake-quantized parameter key; other keys pass through
     * @param splits the channel split of each of those keys, as {@code {outer, channels, inner}}
     */
    FakeQuantizedWeights(QuantScheme scheme, Observer observer, Map<String, Integer> bits, Map<String, int[]> splits) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.observerInstance = Objects.requireNonNull(observer, "observer");
        this.observer = observer.describe();
        this.bits = new TreeMap<>(bits);
        this.splits = new TreeMap<>(splits);
        if (!this.bits.keySet().equals(this.splits.keySet())) {
            throw new IllegalArgumentException("bits and splits name different parameters: " + this.bits.keySet()
                    + " vs " + this.splits.keySet());
        }
    }

    /** The fake-quantized parameter keys and their bit widths. @return a copy */
    Map<String, Integer> bits() {
        return new TreeMap<>(bits);
    }

    @Override
    public INDArray getParameter(Layer layer, String paramKey, int iteration, int epoch, boolean train,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray p = layer.getParam(paramKey);
        Integer b = bits.get(paramKey);
        if (b == null) {
            return p;
        }
        int[] s = splits.get(paramKey);
        ChannelSplit split = new ChannelSplit(s[0], s[1], s[2]);
        if (p.dataType() != DataType.FLOAT || p.length() != split.length()) {
            throw new IllegalStateException("parameter '" + paramKey + "' of layer '" + layer.conf().getLayer()
                    .getLayerName() + "' is " + p.dataType() + " " + Arrays.toString(p.shape())
                    + "; quantization-aware training was prepared for " + split.length() + " FLOAT values");
        }
        float[] values = p.dup(p.ordering()).data().asFloat();
        LinearTensorQuantizer q = new LinearTensorQuantizer(new LinearGrid(b, scheme), Granularity.PER_CHANNEL,
                observer());
        float[] fake = q.quantize(values, split, "qat").values();
        return Nd4j.create(fake, p.shape(), p.ordering());
    }

    private Observer observer() {
        Observer o = observerInstance;
        if (o == null) {
            o = parseObserver(observer);
            observerInstance = o;
        }
        return o;
    }

    /**
     * The built-in observer a description names.
     *
     * @param description {@code "minmax"}, {@code "mse"} or {@code "percentile(p)"}
     * @return the observer
     * @throws IllegalStateException if the description names no built-in observer
     */
    static Observer parseObserver(String description) {
        if ("minmax".equals(description)) {
            return Observers.minMax();
        }
        if ("mse".equals(description)) {
            return Observers.mseOptimal();
        }
        if (description != null && description.startsWith("percentile(") && description.endsWith(")")) {
            try {
                return Observers.percentile(Double.parseDouble(description.substring(11, description.length() - 1)));
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
        }
        throw new IllegalStateException("a quantization-aware training configuration names the observer '"
                + description + "', which is not built in (minmax, mse, percentile(p)); a custom observer does not "
                + "survive a JSON round trip");
    }

    @Override
    public IWeightNoise clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FakeQuantizedWeights f) || f.scheme != scheme || !Objects.equals(f.observer, observer)
                || !f.bits.equals(bits) || !f.splits.keySet().equals(splits.keySet())) {
            return false;
        }
        for (Map.Entry<String, int[]> e : splits.entrySet()) {
            if (!Arrays.equals(e.getValue(), f.splits.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, observer, bits, splits.keySet());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "fake-quantized weights(%s, %s, bits %s)", scheme, observer, bits);
    }
}
