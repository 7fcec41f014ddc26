package dev.compressor.quant.internal;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.ArtifactTensor;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.NetworkKind;
import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.internal.NetworkIO;
import dev.compressor.api.tensor.TensorInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds a resident-quantized network from an artifact: every feed-forward layer with weights
 * (dense, output, RNN output, convolution of every kind, embedding, LSTM) whose tensors are stored
 * smaller than fp32 becomes a {@link ResidentLayer} over one shared {@link Scratch}; all other
 * parameters (batch-norm, other recurrent layers, wrapped layers, fp32 layers) are decoded into the
 * network's ordinary parameter vector. Stateless.
 */
public final class ResidentAssembler {

    /** Default tile budget: 4M floats (16 MB) of one dense layer's weights expanded at a time. */
    public static final int DEFAULT_TILE_ELEMENTS = 1 << 22;

    /**
     * Tile budget of a layer that the {@link FusedProduct} computes at small batch: its tiles serve
     * only batches above {@link FusedProduct#MAX_BATCH}, so they are kept small (256K floats, 1 MB)
     * and do not set the size of the scratch buffer.
     */
    static final int FUSED_TILE_ELEMENTS = 1 << 18;

    /** Smallest tile budget a network gets from {@link #defaultBudget}: 64K floats (256 KB). */
    static final int MIN_TILE_ELEMENTS = 1 << 16;

    private ResidentAssembler() {
    }

    private record Slot(String prefix, Layer layer, NeuralNetConfiguration holder) {
    }

    /**
     * Restores a resident network.
     *
     * @param model a validated artifact
     * @param tileElements most weights of one dense layer expanded at a time; 0 disables tiling
     * @return a MultiLayerNetwork or ComputationGraph whose layers keep their weights encoded
     * @throws ArtifactException if the configuration does not match the stored tensors
     */
    public static Model restore(CompressedModel model, int tileElements) throws ArtifactException {
        if (tileElements < 0) {
            throw new IllegalArgumentException("tileElements must be >= 0, got " + tileElements);
        }
        Map<String, Map<String, Integer>> byPrefix = new LinkedHashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < model.tensors().size(); i++) {
            TensorInfo info = model.tensors().get(i).info();
            String suffix = "_" + info.paramKey();
            if (!info.name().endsWith(suffix)) {
                throw malformed("tensor '" + info.name() + "' does not end with its key '" + suffix + "'", null);
            }
            String prefix = info.name().substring(0, info.name().length() - suffix.length());
            byPrefix.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(info.paramKey(), i);
            byName.put(info.name(), i);
        }
        try {
            if (NetworkIO.declaredParams(model.kind(), model.configJson()) != model.parameterCount()) {
                throw malformed("the configuration declares a different number of parameters than the artifact's "
                        + model.parameterCount(), null);
            }
            List<Slot> slots = new ArrayList<>();
            MultiLayerConfiguration mlc = null;
            ComputationGraphConfiguration cgc = null;
            if (model.kind() == NetworkKind.MULTI_LAYER) {
                mlc = MultiLayerConfiguration.fromJson(model.configJson());
                for (int i = 0; i < mlc.getConfs().size(); i++) {
                    NeuralNetConfiguration c = mlc.getConf(i);
                    slots.add(new Slot(String.valueOf(i), c.getLayer(), c));
                }
            } else {
                cgc = ComputationGraphConfiguration.fromJson(model.configJson());
                for (Map.Entry<String, GraphVertex> e : cgc.getVertices().entrySet()) {
                    if (e.getValue() instanceof LayerVertex lv) {
                        slots.add(new Slot(e.getKey(), lv.getLayerConf().getLayer(), lv.getLayerConf()));
                    }
                }
            }
            Map<Slot, LayerWeights> wrapped = new LinkedHashMap<>();
            Map<Slot, Boolean> tiled = new HashMap<>();
            Map<Slot, Integer> tileBudgets = new HashMap<>();
            Map<Slot, Integer> groupChannels = new HashMap<>();
            int budget = tileElements;
            int capacity = 0;
            for (Slot s : slots) {
                Map<String, Integer> keys = byPrefix.get(s.prefix());
                if (keys == null || !wrappable(s.layer(), keys, model)) {
                    continue;
                }
                LayerWeights w = weights(keys, model);
                boolean tile = budget > 0 && tileable(s.layer(), w, budget);
                int tileBudget = tile && fusable(s.layer(), w) ? Math.min(budget, FUSED_TILE_ELEMENTS) : budget;
                int group = !tile && budget > 0 && w.length() > budget && ConvolutionGroups.splittable(s.layer(), w)
                        ? groupChannels((int) ((FeedForwardLayer) s.layer()).getNOut(), w.length(), budget) : 0;
                wrapped.put(s, w);
                tiled.put(s, tile);
                tileBudgets.put(s, tileBudget);
                groupChannels.put(s, group);
                FeedForwardLayer ff = (FeedForwardLayer) s.layer();
                long need = tile ? Math.min(ff.getNOut(), Math.max(1, tileBudget / ff.getNIn())) * ff.getNIn()
                        : group > 0 ? (long) group * (w.length() / ff.getNOut())
                        : EmbeddingLookup.supports(s.layer(), w) ? 0 : w.length();
                capacity = (int) Math.max(capacity, need);
            }
            Scratch scratch = new Scratch(capacity, codeCapacity(wrapped, tiled));
            Set<String> wrappedNames = new HashSet<>();
            for (Map.Entry<Slot, LayerWeights> e : wrapped.entrySet()) {
                Slot s = e.getKey();
                s.holder().setLayer(new ResidentLayerConf(s.layer(), e.getValue(), scratch,
                        tiled.get(s) ? tileBudgets.get(s) : 0, groupChannels.get(s)));
                byPrefix.get(s.prefix()).values().forEach(i -> wrappedNames.add(model.tensors().get(i).info().name()));
            }
            long rest = 0;
            for (ArtifactTensor t : model.tensors()) {
                if (!wrappedNames.contains(t.info().name())) {
                    rest += t.info().length();
                }
            }
            INDArray params = rest == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, rest);
            Model net;
            if (mlc != null) {
                MultiLayerNetwork m = new MultiLayerNetwork(mlc);
                m.init(params, false);
                net = m;
            } else {
                ComputationGraph g = new ComputationGraph(cgc);
                g.init(params, false);
                net = g;
            }
            if (params != null) {
                fill(net, params, model, byName, wrappedNames);
            }
            return net;
        } catch (CorruptTensorException e) {
            throw malformed(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw malformed("the configuration does not build a resident network matching the stored tensors: " + e, e);
        }
    }

    private static void fill(Model net, INDArray params, CompressedModel model, Map<String, Integer> byName,
            Set<String> wrappedNames) throws CorruptTensorException {
        float[] flat = new float[(int) params.length()];
        int placed = 0;
        for (TensorInfo ti : NetworkIO.inventory(net)) {
            Integer i = byName.get(ti.name());
            if (i == null || !model.tensors().get(i).info().layout().equals(ti.layout())) {
                throw new IllegalStateException("the network's tensor '" + ti.name() + "' " + ti.layout()
                        + " has no matching stored tensor");
            }
            ArtifactTensor t = model.tensors().get(i);
            TensorEncodings.installed().decode(t.encodingId(), t.encodingVersion(), model.blob(i), ti.layout(), flat,
                    (int) ti.flatOffset());
            placed++;
        }
        if (placed + wrappedNames.size() != model.tensors().size()) {
            throw new IllegalStateException("placed " + placed + " and kept " + wrappedNames.size()
                    + " encoded, but the artifact has " + model.tensors().size() + " tensors");
        }
        params.assign(Nd4j.create(flat, new long[] {1, flat.length}, 'c'));
    }

    /** Ints of unpacked codes the layers need at most: a chunk to expand, or one fused column (+ 8 for alignment). */
    private static int codeCapacity(Map<Slot, LayerWeights> wrapped, Map<Slot, Boolean> tiled) {
        int need = 0;
        for (Map.Entry<Slot, LayerWeights> e : wrapped.entrySet()) {
            for (String key : new String[] {"W", "b"}) {
                LayerWeights.Entry entry = e.getValue().entry(key);
                if (entry == null || entry.packed() == null || entry.packed().bits() == 8) {
                    continue;
                }
                need = Math.max(need, PackedCodes.UNPACK_CHUNK);
                if (key.equals("W") && tiled.get(e.getKey())) {
                    need = (int) Math.max(need, ((FeedForwardLayer) e.getKey().layer()).getNIn() + 8);
                }
            }
        }
        return need;
    }

    private static boolean wrappable(Layer layer, Map<String, Integer> keys, CompressedModel model) {
        // of the recurrent layers only a plain LSTM (its whole sequence runs in one forward pass, so its
        // weights are expanded once per sequence, not per step)
        if (!(layer instanceof FeedForwardLayer) || layer instanceof BaseRecurrentLayer && layer.getClass() != LSTM.class
                || layer instanceof BatchNormalization) {
            return false;
        }
        long elements = 0;
        long bytes = 0;
        boolean weightLike = false;
        for (int i : keys.values()) {
            ArtifactTensor t = model.tensors().get(i);
            elements += t.info().length();
            bytes += t.blobLength();
            weightLike |= t.info().kind().isWeightLike();
        }
        return weightLike && bytes < 4 * elements && elements <= Integer.MAX_VALUE - 16;
    }

    /**
     * Whether a layer computes its own product ({@link ResidentLayer#tiled()}): a plain dense or
     * output layer whose {@code [nIn, nOut]} 'f' weight either exceeds one tile or has codes the
     * fused product reads ({@link FusedProduct#supports}).
     */
    private static boolean tileable(Layer layer, LayerWeights w, int tileElements) {
        boolean dense = layer.getClass() == DenseLayer.class && !((DenseLayer) layer).hasLayerNorm()
                || layer.getClass() == OutputLayer.class || layer.getClass() == RnnOutputLayer.class;
        LayerWeights.Entry e = w.entry("W");
        if (!dense || e == null || e.tensor().info().layout().rank() != 2 || e.tensor().info().layout().order() != 'f'
                || !w.decodableByRanges()) {
            return false;
        }
        return e.length() > tileElements || fusable(layer, w);
    }

    /**
     * The default tile budget of a network: a 40th of its parameters (at least {@link #MIN_TILE_ELEMENTS},
     * at most {@link #DEFAULT_TILE_ELEMENTS}), so that the scratch buffer stays near 10 % of the int8
     * weights whatever the network's size (ResNet-50's 3x3 convolutions of 2.36M weights run in groups;
     * VGG-16's run whole). Groups cost time: MobileNet-v1's int8 resident cell measured 1.17x fp32 with
     * this budget (weight memory 0.29x) where the earlier runtime, expanding whole layers, had measured
     * 1.02x (0.52x); a caller who prefers speed passes a larger budget to {@link #restore}.
     *
     * @param model the artifact
     * @return the budget in elements
     */
    public static int defaultBudget(CompressedModel model) {
        return (int) Math.min(DEFAULT_TILE_ELEMENTS, Math.max(MIN_TILE_ELEMENTS, model.parameterCount() / 40));
    }

    /** Output channels per group: as many as fit the budget, spread evenly over the fewest groups. */
    private static int groupChannels(int nOut, int elements, int budget) {
        int perChannel = elements / nOut;
        int groups = (int) Math.min(nOut, ((long) elements + budget - 1) / budget);
        int channels = (nOut + groups - 1) / groups;
        while ((long) channels * perChannel > budget && channels > 1) {
            channels--;
        }
        return channels;
    }

    /** Whether a dense layer's weight has codes {@link FusedProduct} reads. */
    private static boolean fusable(Layer layer, LayerWeights w) {
        LayerWeights.Entry e = w.entry("W");
        FeedForwardLayer ff = (FeedForwardLayer) layer;
        return e.packed() != null && FusedProduct.supports(e.packed(), ff.getNIn(), ff.getNOut());
    }

    private static LayerWeights weights(Map<String, Integer> keys, CompressedModel model)
            throws CorruptTensorException {
        long base = Long.MAX_VALUE;
        long total = 0;
        for (int i : keys.values()) {
            base = Math.min(base, model.tensors().get(i).info().flatOffset());
            total += model.tensors().get(i).info().length();
        }
        Map<String, LayerWeights.Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : keys.entrySet()) {
            ArtifactTensor t = model.tensors().get(e.getValue());
            // a private heap copy: decoders read the array in place (the artifact lends read-only buffers)
            ByteBuffer src = model.blob(e.getValue());
            byte[] copy = new byte[src.remaining()];
            src.duplicate().get(copy);
            PackedCodes packed = t.encodingId().equals(LinearIntEncoding.ID) ? PackedCodes.of(copy, t.info().layout()) : null;
            entries.put(e.getKey(), new LayerWeights.Entry(t, ByteBuffer.wrap(copy), (int) (t.info().flatOffset() - base),
                    packed));
        }
        return new LayerWeights(entries, (int) total);
    }

    private static ArtifactException malformed(String message, Throwable cause) {
        return new ArtifactException(ArtifactException.Problem.MALFORMED, message, cause);
    }

    /**
     * Resident weight memory of a network, in bytes: {@code {encoded, scratch, dense}} where
     * encoded is the blobs resident layers hold, scratch the shared expansion buffers, and dense the
     * fp32 parameters held the ordinary way (all of them for a network that is not resident).
     *
     * @param net a MultiLayerNetwork or ComputationGraph
     * @return the three byte counts
     */
    public static long[] memory(Model net) {
        org.deeplearning4j.nn.api.Layer[] layers = net instanceof MultiLayerNetwork m ? m.getLayers()
                : ((ComputationGraph) net).getLayers();
        long encoded = 0;
        long dense = net.params() == null ? 0 : net.params().length() * net.params().dataType().width();
        Set<Scratch> scratches = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (org.deeplearning4j.nn.api.Layer l : layers) {
            if (l instanceof ResidentLayer r) {
                encoded += r.weights().encodedBytes();
                dense += r.biasBytes();
                scratches.add(r.scratch());
            }
        }
        long scratch = 0;
        for (Scratch s : scratches) {
            scratch += s.bytes();
        }
        return new long[] {encoded, scratch, dense};
    }
}
