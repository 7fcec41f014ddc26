package dev.compressor.api.artifact;

import org.deeplearning4j.nn.api.Model;

/**
 * A change to a restored network that keeps what it computes (up to float rounding), applied when
 * restoring, on the caller's request: for example compressor-prune's direct 1x1 convolutions
 * ({@code PointwiseConvolutions.rewrite()}) or batch-normalisation folding
 * ({@code BatchNormFolding::fold}). Rewrites are never written into an artifact, which holds stock
 * DL4J layers only and so restores wherever compressor-api does. Pass them in
 * {@link RestoreOptions#withRewrite(RuntimeRewrite)}.
 *
 * <p>A functional interface: a lambda or method reference is a rewrite. Implementations must be
 * safe to call from any thread on a network no other thread uses.
 */
@FunctionalInterface
public interface RuntimeRewrite {

    /**
     * Rewrites a freshly restored network.
     *
     * @param network a {@code MultiLayerNetwork} or {@code ComputationGraph} that only the caller holds
     * @return the network to use: the argument, changed or not, or a new network
     */
    Model apply(Model network);
}
