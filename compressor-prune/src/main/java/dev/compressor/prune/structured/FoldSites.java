package dev.compressor.prune.structured;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where {@link BatchNormFolding} can fold: the batch normalisation layers whose only input is
 * a foldable convolution that feeds nothing else (see {@link BatchNormFolding} for the rules).
 * Stateless; thread-safe.
 */
final class FoldSites {

    private static final Logger LOG = LoggerFactory.getLogger(FoldSites.class);

    /**
     * One fold.
     *
     * @param conv the convolution's name (a MultiLayerNetwork's layer index)
     * @param bn the batch normalisation's name (a MultiLayerNetwork's layer index)
     */
    record Fold(String conv, String bn) {
    }

    private FoldSites() {
    }

    /** The folds of a graph configuration, in configuration order. */
    static List<Fold> of(ComputationGraphConfiguration conf) {
        Map<String, Integer> consumers = new HashMap<>();
        conf.getVertexInputs().values().forEach(ins -> ins.forEach(in -> consumers.merge(in, 1, Integer::sum)));
        List<String> outputs = conf.getNetworkOutputs();
        List<Fold> out = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            List<String> in = conf.getVertexInputs().getOrDefault(e.getKey(), List.of());
            if (!(e.getValue() instanceof LayerVertex bn) || bn.getLayerConf().getLayer().getClass()
                    != BatchNormalization.class || in.size() != 1) {
                continue;
            }
            String conv = in.get(0);
            String why = bn.getPreProcessor() != null ? "it has an input preprocessor"
                    : outputs.contains(e.getKey()) ? "it is a network output"
                    : !(conf.getVertices().get(conv) instanceof LayerVertex c) ? "its input is not a layer"
                    : consumers.get(conv) != 1 || outputs.contains(conv) ? "its input '" + conv + "' feeds more"
                    : whyNot(c.getLayerConf().getLayer(), bn.getLayerConf().getLayer());
            if (why == null) {
                out.add(new Fold(conv, e.getKey()));
            } else {
                LOG.debug("batch normalisation '{}' is not folded: {}", e.getKey(), why);
            }
        }
        return out;
    }

    /** The folds of a multi-layer configuration (layers named by index), in order. */
    static List<Fold> of(MultiLayerConfiguration conf) {
        List<Fold> out = new ArrayList<>();
        int n = conf.getConfs().size();
        for (int i = 1; i < n - 1; i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (layer.getClass() == BatchNormalization.class && conf.getInputPreProcess(i) == null
                    && whyNot(conf.getConf(i - 1).getLayer(), layer) == null) {
                out.add(new Fold(String.valueOf(i - 1), String.valueOf(i)));
            }
        }
        return out;
    }

    /** Why a convolution cannot take in the batch normalisation after it, or null if it can. */
    private static String whyNot(Layer conv, Layer normalization) {
        String why = FoldedConvolution.whyNotFoldable(conv);
        if (why != null) {
            return why;
        }
        ConvolutionLayer c = (ConvolutionLayer) conv;
        BatchNormalization bn = (BatchNormalization) normalization;
        if (c.getCnn2dDataFormat() != bn.getCnn2DFormat()) {
            return "channel axes differ (" + c.getCnn2dDataFormat() + " and " + bn.getCnn2DFormat() + ")";
        }
        return c.getNOut() == bn.getNOut() ? null : "sizes differ (" + c.getNOut() + " and " + bn.getNOut() + ")";
    }
}
