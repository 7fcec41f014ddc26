package dev.compressor.quant;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.quant.internal.ResidentAssembler;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;

/**
 * The resident-quantized runtime: networks restored from an artifact whose dense, output, RNN
 * output, convolution, embedding and LSTM layers keep their weights encoded (int-k, codebook, fp16,
 * sparse) in memory. Dense and output layers with {@code linear-int} codes multiply straight from
 * them at small batch (rows of the input; up to 32 with {@code --add-modules jdk.incubator.vector},
 * 2 with plain loops), and in tiles of expanded columns beyond; embedding-sequence layers decode
 * only the rows of the input's tokens; every other layer is expanded into one shared scratch buffer
 * just before it runs, a convolution larger than the network's tile budget in groups of output
 * channels, so the scratch buffer holds one tile or group. Resident weight memory falls to about
 * the encoded size plus the scratch buffer, at the price of decoding convolution weights on every
 * forward pass: the trade-off {@link #memory(Model)} and a paired profiler measure.
 *
 * <p>{@link CompressedModel#restore(dev.compressor.api.artifact.RuntimeMode)} with
 * {@code RESIDENT_QUANTIZED} uses this runtime with the default tile budget. Restored networks
 * are for inference only ({@code output}, {@code feedForward}); training them throws. Like every
 * DL4J network they are not thread-safe. The methods here are stateless and thread-safe.
 */
public final class ResidentNetworks {

    /** The largest default tile budget: 4M weights (16 MB) of one layer expanded at a time. */
    public static final int DEFAULT_TILE_ELEMENTS = ResidentAssembler.DEFAULT_TILE_ELEMENTS;

    private ResidentNetworks() {
    }

    /**
     * Restores a resident network with the default tile budget (as {@code RESIDENT_QUANTIZED} restores
     * do): a 40th of the network's parameters, at least 64K and at most {@link #DEFAULT_TILE_ELEMENTS}
     * elements, which keeps the scratch buffer near 10 % of the int8 weights.
     *
     * @param model the artifact
     * @return a MultiLayerNetwork or ComputationGraph, as the artifact holds
     * @throws ArtifactException if the artifact cannot be restored
     */
    public static Model restore(CompressedModel model) throws ArtifactException {
        Objects.requireNonNull(model, "model");
        return restore(model, ResidentAssembler.defaultBudget(model));
    }

    /**
     * Restores a resident network.
     *
     * @param model the artifact
     * @param tileElements most weights of one layer (dense tile or convolution group) expanded at a time:
     *     larger budgets trade weight memory for speed (fewer convolution groups; MobileNet-v1 int8
     *     measured 1.17x fp32 at the default budget, 0.29x memory, where the earlier runtime, which
     *     expanded whole layers, measured 1.02x at 0.52x: not measured yet with this runtime);
     *     0 expands whole layers and turns the fused product off
     * @return a MultiLayerNetwork or ComputationGraph, as the artifact holds
     * @throws ArtifactException if the artifact cannot be restored
     * @throws IllegalArgumentException if {@code tileElements} is negative
     */
    public static Model restore(CompressedModel model, int tileElements) throws ArtifactException {
        Objects.requireNonNull(model, "model");
        return ResidentAssembler.restore(model, tileElements);
    }

    /**
     * What a network holds resident for its weights.
     *
     * @param network a MultiLayerNetwork or ComputationGraph, resident or not
     * @return the memory, in bytes
     */
    public static ResidentMemory memory(Model network) {
        Objects.requireNonNull(network, "network");
        long[] m = ResidentAssembler.memory(network);
        return new ResidentMemory(m[0], m[1], m[2]);
    }

    /**
     * Resident weight memory of a network.
     *
     * @param encodedBytes encoded blobs held by resident layers
     * @param scratchBytes the shared expansion buffers (Java and ND4J)
     * @param denseBytes parameters held decoded (fp32): everything for an ordinary network
     */
    public record ResidentMemory(long encodedBytes, long scratchBytes, long denseBytes) {

        /** The sum. @return bytes */
        public long totalBytes() {
            return encodedBytes + scratchBytes + denseBytes;
        }
    }
}
