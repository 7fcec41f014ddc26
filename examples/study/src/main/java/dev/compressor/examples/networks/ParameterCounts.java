package dev.compressor.examples.networks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/**
 * Parameter counts read from a {@link ComputationGraphConfiguration} without allocating any weight:
 * the sum of each vertex's own count, exactly what {@code ComputationGraph.numParams()} reports
 * after {@code init()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ParameterCounts {

    private ParameterCounts() {
    }

    /**
     * Returns the number of stored parameters (elements of the flattened parameter vector), including
     * the running mean and variance of batch-normalisation layers, which DL4J keeps as parameters.
     *
     * @param conf a built configuration (input types set, so every nIn is known)
     * @return the count, in scalar parameters
     */
    public static long total(ComputationGraphConfiguration conf) {
        long sum = 0;
        for (long n : perVertex(conf).values()) {
            sum += n;
        }
        return sum;
    }

    /**
     * Returns the number of learnable parameters: {@link #total} minus the running mean and variance of
     * each batch-normalisation layer (two scalars per channel). This is the figure PyTorch, Keras
     * ("trainable") and the papers report.
     *
     * @param conf a built configuration
     * @return the count, in scalar parameters
     */
    public static long learnable(ComputationGraphConfiguration conf) {
        long running = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof BatchNormalization bn) {
                running += 2 * bn.getNOut(); // mean and variance are stored whether or not gamma/beta are locked
            }
        }
        return total(conf) - running;
    }

    /**
     * Returns each vertex's parameter count, in the configuration's vertex order, vertices without
     * parameters included with 0.
     *
     * @param conf a built configuration
     * @return an unmodifiable map from vertex (layer) name to its count
     */
    public static Map<String, Long> perVertex(ComputationGraphConfiguration conf) {
        Objects.requireNonNull(conf, "conf");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            counts.put(e.getKey(), e.getValue().numParams(true));
        }
        return Collections.unmodifiableMap(counts);
    }
}
