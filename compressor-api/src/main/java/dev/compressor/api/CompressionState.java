package dev.compressor.api;

import dev.compressor.api.artifact.NetworkKind;
import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.api.internal.NetworkIO;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Model;

/**
 * A network in the middle of compression: its configuration, every parameter tensor's original and
 * current values with the encoder that stores them, the seed, and the steps applied so far.
 * Immutable: compressors return a new state. The input network is copied once and never changed.
 */
public final class CompressionState {

    /** Elements per piece when the parameters are copied out of the network, pieces in parallel. */
    private static final int COPY_PIECE = 1 << 22;

    private final NetworkKind kind;
    private final String configJson;
    private final long parameterCount;
    private final long originalParameterCount;
    private final Map<String, TensorState> tensors;
    private final long seed;
    private final List<String> steps;

    private CompressionState(NetworkKind kind, String configJson, long parameterCount, long originalParameterCount,
            Map<String, TensorState> tensors, long seed, List<String> steps) {
        this.kind = kind;
        this.configJson = configJson;
        this.parameterCount = parameterCount;
        this.originalParameterCount = originalParameterCount;
        this.tensors = tensors;
        this.seed = seed;
        this.steps = List.copyOf(steps);
    }

    /**
     * The starting state of a network: every tensor stored as exact fp32.
     *
     * @param network an initialised MultiLayerNetwork or ComputationGraph with FLOAT parameters
     * @param seed the seed for compressors that draw random numbers
     * @return the state
     * @throws IllegalArgumentException if the network is of another type, not initialised (the message says to
     *     call {@code init()}), or not FLOAT
     */
    public static CompressionState of(Model network, long seed) {
        Objects.requireNonNull(network, "network");
        NetworkKind kind = NetworkIO.requireInitialised(network);
        java.nio.FloatBuffer flat = NetworkIO.flatBuffer(network);
        List<TensorInfo> infos = NetworkIO.inventory(network);
        float[][] slices = new float[infos.size()][];
        List<int[]> pieces = new ArrayList<>();
        for (int i = 0; i < slices.length; i++) {
            slices[i] = new float[infos.get(i).length()];
            for (int from = 0; from < slices[i].length; from += COPY_PIECE) {
                pieces.add(new int[] {i, from, Math.min(slices[i].length, from + COPY_PIECE)});
            }
        }
        // absolute bulk gets leave the shared buffer's position alone: pieces copy in parallel
        (flat.remaining() > 2 * COPY_PIECE ? pieces.parallelStream() : pieces.stream()).forEach(p ->
                flat.get((int) infos.get(p[0]).flatOffset() + p[1], slices[p[0]], p[1], p[2] - p[1]));
        Map<String, TensorState> map = new LinkedHashMap<>();
        for (int i = 0; i < slices.length; i++) {
            TensorInfo info = infos.get(i);
            FloatTensor t = new FloatTensor(info.layout(), slices[i]);
            map.put(info.name(), new TensorState(info, t, t, DenseEncoders.f32()));
        }
        return new CompressionState(kind, NetworkIO.configJson(network), flat.remaining(), flat.remaining(), map,
                seed, List.of());
    }

    /** The network type. @return the kind */
    public NetworkKind kind() {
        return kind;
    }

    /** The DL4J configuration as JSON. @return the configuration */
    public String configJson() {
        return configJson;
    }

    /** The current number of parameters. @return the count */
    public long parameterCount() {
        return parameterCount;
    }

    /**
     * The number of parameters of the network compression started from (differs from
     * {@link #parameterCount()} after structured pruning removed channels).
     *
     * @return the count
     */
    public long originalParameterCount() {
        return originalParameterCount;
    }

    /** The seed. @return the seed */
    public long seed() {
        return seed;
    }

    /** Descriptions of the compressors applied so far, in order. @return the steps */
    public List<String> steps() {
        return steps;
    }

    /** Every tensor in flat-vector order. @return the tensors */
    public List<TensorState> tensors() {
        return List.copyOf(tensors.values());
    }

    /**
     * One tensor.
     *
     * @param name the parameter key, e.g. {@code "0_W"}
     * @return the tensor
     * @throws IllegalArgumentException if there is no such tensor
     */
    public TensorState tensor(String name) {
        TensorState t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; tensors: " + tensors.keySet());
        }
        return t;
    }

    /** The names of the layers that have parameters, sorted. @return the names */
    public List<String> layerNames() {
        TreeSet<String> names = new TreeSet<>();
        tensors.values().forEach(t -> names.add(t.info().layerName()));
        return List.copyOf(names);
    }

    /**
     * Checks that every name is a layer of this network.
     *
     * @param names layer names a caller refers to
     * @throws IllegalArgumentException naming the first unknown layer and listing the known ones
     */
    public void requireLayers(Iterable<String> names) {
        List<String> known = layerNames();
        for (String n : names) {
            if (!known.contains(n)) {
                throw new IllegalArgumentException("no layer named '" + n + "'; layers with parameters: " + known);
            }
        }
    }

    /**
     * The state with one tensor replaced.
     *
     * @param updated the new tensor state (same name)
     * @return the new state
     */
    public CompressionState withTensor(TensorState updated) {
        tensor(updated.name());
        Map<String, TensorState> m = new LinkedHashMap<>(tensors);
        m.put(updated.name(), updated);
        return new CompressionState(kind, configJson, parameterCount, originalParameterCount, m, seed, steps);
    }

    /**
     * The state with every selected tensor transformed.
     *
     * @param selector which tensors
     * @param transform the change to each selected tensor
     * @return the new state
     */
    public CompressionState map(TensorSelector selector, UnaryOperator<TensorState> transform) {
        Map<String, TensorState> m = new LinkedHashMap<>(tensors);
        for (TensorState t : tensors.values()) {
            if (selector.test(t.info())) {
                TensorState u = transform.apply(t);
                if (!u.name().equals(t.name())) {
                    throw new IllegalStateException("transform renamed '" + t.name() + "' to '" + u.name() + "'");
                }
                m.put(t.name(), u);
            }
        }
        return new CompressionState(kind, configJson, parameterCount, originalParameterCount, m, seed, steps);
    }

    /**
     * The state with one more step recorded.
     *
     * @param description what was applied
     * @return the new state
     */
    public CompressionState withStep(String description) {
        List<String> s = new ArrayList<>(steps);
        s.add(description);
        return new CompressionState(kind, configJson, parameterCount, originalParameterCount, tensors, seed, s);
    }

    /**
     * The state of a structurally changed network (e.g. channels removed): its tensors start anew
     * as exact fp32, while the original parameter count, seed and steps carry over.
     *
     * @param smaller the new network
     * @param description what changed it
     * @return the new state
     */
    public CompressionState withNetwork(Model smaller, String description) {
        CompressionState fresh = of(smaller, seed);
        List<String> s = new ArrayList<>(steps);
        s.add(description);
        return new CompressionState(fresh.kind, fresh.configJson, fresh.parameterCount, originalParameterCount,
                fresh.tensors, seed, s);
    }

    /**
     * A runnable network with the current values (for calibration or evaluation during compression).
     *
     * @return a new MultiLayerNetwork or ComputationGraph
     */
    public Model toNetwork() {
        float[] flat = new float[Math.toIntExact(parameterCount)];
        for (TensorState t : tensors.values()) {
            System.arraycopy(t.values().data(), 0, flat, (int) t.info().flatOffset(), t.info().length());
        }
        return NetworkIO.build(kind, configJson, flat);
    }
}
