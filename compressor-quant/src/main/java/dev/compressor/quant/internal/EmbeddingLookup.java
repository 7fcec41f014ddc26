package dev.compressor.quant.internal;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward pass of an {@link EmbeddingSequenceLayer} straight from its {@code linear-int} codes:
 * only the rows of the tokens in the input are decoded, so a 32,000-token vocabulary needs no
 * scratch at all. Computes what DL4J 1.0.0-M2.1's layer computes at inference: rows of
 * {@code W [vocab, nOut]} for the token ids ({@code [mb, length]} or {@code [mb, 1, length]}), plus
 * the bias, as {@code [mb, nOut, length]} (NCW) or {@code [mb, length, nOut]} (NWC), through the
 * activation, times the mask when one is set. Immutable; not thread-safe (the layer is not).
 */
final class EmbeddingLookup {

    private final EmbeddingSequenceLayer conf;
    private final PackedCodes weights;
    private final char order;
    private final int vocab;
    private final int nOut;
    private final float[] bias;

    /**
     * @param conf the layer's configuration
     * @param w the layer's tensors; {@link #supports} must hold
     */
    EmbeddingLookup(EmbeddingSequenceLayer conf, LayerWeights w) {
        this.conf = conf;
        LayerWeights.Entry e = w.entry("W");
        this.weights = e.packed();
        this.order = e.tensor().info().layout().order();
        this.vocab = (int) conf.getNIn();
        this.nOut = (int) conf.getNOut();
        LayerWeights.Entry b = w.entry("b");
        this.bias = new float[nOut];
        if (b != null) {
            LayerWeights.decodeRange(b, 0, nOut, bias);
        }
    }

    /** Whether the layer is an embedding-sequence layer whose weight has parsed linear-int codes. */
    static boolean supports(org.deeplearning4j.nn.conf.layers.Layer layer, LayerWeights w) {
        LayerWeights.Entry e = w.entry("W");
        return layer.getClass() == EmbeddingSequenceLayer.class && e != null && e.packed() != null
                && e.tensor().info().layout().rank() == 2;
    }

    long biasBytes() {
        return 4L * bias.length;
    }

    INDArray activate(INDArray input, INDArray mask, String layerId, LayerWorkspaceMgr workspaceMgr) {
        if (!(input.rank() == 2 || input.rank() == 3 && input.size(1) == 1)) {
            throw new DL4JInvalidInputException("layer '" + layerId + "' expects token ids [minibatch, length] or"
                    + " [minibatch, 1, length], got " + java.util.Arrays.toString(input.shape()));
        }
        int mb = (int) input.size(0);
        int length = (int) input.size(input.rank() - 1);
        float[] ids = input.dup('c').reshape((long) mb * length).toFloatVector();
        float[] rows = new float[ids.length * nOut];
        for (int r = 0; r < ids.length; r++) {
            int token = (int) ids[r];
            if (token < 0 || token >= vocab || token != ids[r]) {
                throw new DL4JInvalidInputException("layer '" + layerId + "': token id " + ids[r]
                        + " is not an integer in [0, " + vocab + ")");
            }
            for (int c = 0; c < nOut; c++) {
                rows[r * nOut + c] = weights.value(order == 'f' ? token + vocab * c : token * nOut + c) + bias[c];
            }
        }
        INDArray z = Nd4j.create(rows, new long[] {mb, length, nOut}, 'c');
        boolean ncw = conf.getOutputFormat() != RNNFormat.NWC;
        if (ncw) {
            z = z.permute(0, 2, 1);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, z.shape(), 'c');
        out.assign(z);
        out = conf.getActivationFn().getActivation(out, false);
        if (mask != null) {
            Broadcast.mul(out, mask.castTo(out.dataType()), out, ncw ? new int[] {0, 2} : new int[] {0, 1});
        }
        return out;
    }
}
