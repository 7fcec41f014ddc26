package dev.compressor.examples.smalltier.image;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.examples.smalltier.data.ImageSplit;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Measures what a compression setting does to a trained small network's accuracy: compresses it
 * (the trained network is copied, never changed), evaluates the network the artifact decodes to on
 * the test split, and reports it next to the fp32 accuracy. This is the function the study calls
 * for every small-tier cell.
 *
 * <p>Stateless and thread-safe; a given network must not be used from two threads at once.
 */
public final class CompressionAccuracy {

    /** Examples per forward pass during evaluation. */
    public static final int BATCH = 500;

    private CompressionAccuracy() {
    }

    /**
     * Compresses and evaluates.
     *
     * @param network which small network (for the record)
     * @param trained the trained fp32 network
     * @param fp32 its accuracy on {@code test} (from {@link ImageEvaluator#evaluate})
     * @param compressor the setting
     * @param test the held-out split
     * @return the accuracy of the compressed network with the fp32 reference
     */
    public static SettingAccuracy measure(SmallNetwork network, ComputationGraph trained, TopKAccuracy fp32,
                                          Compressor compressor, ImageSplit test) {
        CompressionResult r = compressor.compress(trained);
        TopKAccuracy acc = ImageEvaluator.evaluate(r.network(), test, BATCH);
        long bytes = r.artifact().toBytes(OuterCompression.ZSTD).length;
        return new SettingAccuracy(network.id(), compressor.describe(), acc, fp32, bytes);
    }
}
