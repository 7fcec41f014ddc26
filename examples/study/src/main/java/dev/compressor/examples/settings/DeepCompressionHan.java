package dev.compressor.examples.settings;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.prune.Pruning;
import dev.compressor.prune.sparse.EntropyCodedMasks;
import dev.compressor.quant.EntropyCodedCodebooks;
import dev.compressor.quant.KMeansQuantizer;
import dev.compressor.quant.Quantization;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Deep Compression pipeline on VGG-16 set as Han et al. set it: magnitude pruning to the
 * per-layer densities of Han, Pool, Tran and Dally 2015 ("Learning both Weights and Connections",
 * Table 5; 7.5 % of the weights kept in all), k-means weight sharing with 8-bit codebooks for the
 * convolutions and 5-bit codebooks for the fully connected layers (Han, Mao and Dally 2016, "Deep
 * Compression"), both over the surviving weights only, then entropy-coded storage: each mask and each
 * layer's codebook indices coded with a static rANS model ({@code sparse-mask-rans} around
 * {@code codebook-rans}), where Deep Compression used relative indices and Huffman codes. Biases are
 * left as they are, as in the paper. Stateless.
 */
public final class DeepCompressionHan {

    /** Han et al.'s VGG-16 size before compression, in MB (fp32 Caffe model). */
    public static final double PAPER_MB_BEFORE = 552;
    /** Han et al.'s VGG-16 size after Deep Compression, in MB. */
    public static final double PAPER_MB_AFTER = 11.3;
    /** Han et al.'s published compression ratio for VGG-16. */
    public static final double PAPER_RATIO = 49;
    /** Codebook bits of the convolutions. */
    public static final int CONV_BITS = 8;
    /** Codebook bits of the fully connected layers. */
    public static final int FC_BITS = 5;

    private static final Map<String, Double> DENSITY = publishedDensities();

    private DeepCompressionHan() {
    }

    private static Map<String, Double> publishedDensities() {
        Map<String, Double> d = new LinkedHashMap<>();
        String[] names = {"conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3", "conv4_1",
            "conv4_2", "conv4_3", "conv5_1", "conv5_2", "conv5_3", "fc6", "fc7", "fc8"};
        double[] kept = {0.58, 0.22, 0.34, 0.36, 0.53, 0.24, 0.42, 0.32, 0.27, 0.34, 0.35, 0.29, 0.36, 0.04, 0.04,
            0.23};
        for (int i = 0; i < names.length; i++) {
            d.put(names[i], kept[i]);
        }
        return Collections.unmodifiableMap(d);
    }

    /**
     * The published fraction of weights kept per VGG-16 layer (Caffe names).
     *
     * @return layer name to density in (0, 1], in network order; unmodifiable
     */
    public static Map<String, Double> densities() {
        return DENSITY;
    }

    /**
     * The published density of one layer.
     *
     * @param layer a VGG-16 layer name
     * @return the fraction of its weights kept
     * @throws IllegalArgumentException if the layer is not one of VGG-16's 16 weight layers
     */
    public static double density(String layer) {
        Double d = DENSITY.get(layer);
        if (d == null) {
            throw new IllegalArgumentException("'" + layer + "' is not a VGG-16 weight layer; known: "
                    + densities().keySet());
        }
        return d;
    }

    /**
     * The codebook bits of a layer: {@value #FC_BITS} for {@code fc*}, {@value #CONV_BITS} otherwise.
     *
     * @param layer a layer name
     * @return the bits per index
     */
    public static int codebookBits(String layer) {
        return layer.startsWith("fc") ? FC_BITS : CONV_BITS;
    }

    /**
     * The pipeline: prune, cluster, entropy-code. Runs on a network whose layers carry VGG-16's
     * names (any sizes); on another network it fails with a message saying so.
     *
     * @return the compressor
     */
    public static Compressor compressor() {
        return guarded(pruning().then(weightSharing()).then(entropyCoding()));
    }

    /**
     * The first two stages only: pruning and weight sharing, stored in the plain sparse formats
     * (bitmask or relative index) around bit-packed codebook indices, for comparison.
     *
     * @return the compressor
     */
    public static Compressor pruneAndShare() {
        return guarded(pruning().then(weightSharing()));
    }

    /**
     * The third stage alone: entropy-coded codebook indices, then entropy-coded masks. Values are
     * unchanged.
     *
     * @return the compressor
     */
    public static Compressor entropyCoding() {
        return new EntropyCodedCodebooks().then(new EntropyCodedMasks());
    }

    private static Compressor pruning() {
        Map<String, Double> sparsity = new LinkedHashMap<>();
        densities().forEach((layer, d) -> sparsity.put(layer, 1 - d));
        return Pruning.perLayer(sparsity);
    }

    private static Compressor weightSharing() {
        KMeansQuantizer.Builder kmeans = Quantization.kmeans(CONV_BITS);
        for (String layer : DENSITY.keySet()) {
            if (codebookBits(layer) != CONV_BITS) {
                kmeans.layerBits(layer, codebookBits(layer));
            }
        }
        return kmeans.build();
    }

    private static Compressor guarded(Compressor pipeline) {
        return new Compressor() {
            @Override
            public String describe() {
                return "deep-compression-han(" + pipeline.describe() + ")";
            }

            @Override
            public CompressionState apply(CompressionState state) {
                if (!state.layerNames().containsAll(DENSITY.keySet())) {
                    throw new SettingNotApplicable("deep_compression_han holds Han et al.'s per-layer densities "
                            + "for VGG-16 and needs its 16 weight layers " + densities().keySet() + "; this "
                            + "network's layers are " + state.layerNames());
                }
                return pipeline.apply(state);
            }
        };
    }
}
