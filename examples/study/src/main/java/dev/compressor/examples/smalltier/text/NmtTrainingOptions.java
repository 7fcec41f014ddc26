package dev.compressor.examples.smalltier.text;

/**
 * How the small translation model is built and trained. Immutable.
 *
 * @param sourceVocab largest source vocabulary, reserved tokens included (at least 5)
 * @param targetVocab largest target vocabulary, reserved tokens included (at least 5)
 * @param minCount a training token gets its own id if it occurs at least this often (at least 1)
 * @param embedding embedding width (at least 1)
 * @param units LSTM and attention width (at least 1)
 * @param layers encoder layers, and as many decoder layers (at least 1)
 * @param batchSize sentence pairs per minibatch (at least 1)
 * @param learningRate initial Adam learning rate (positive)
 * @param halfLife iterations over which the learning rate halves (exponential decay; positive)
 * @param clip per-layer gradient L2-norm clipping threshold (positive)
 * @param seed seed of the weights and the shuffles
 * @param minutes wall-clock training budget in minutes (positive): training stops after the
 *                iteration that reaches it
 * @param maxIterations stop after this many iterations even within the budget (0 = no limit)
 * @param maxTokens training pairs with a side longer than this many tokens are skipped (at least 1)
 */
public record NmtTrainingOptions(int sourceVocab, int targetVocab, int minCount, int embedding, int units,
                                 int layers, int batchSize, double learningRate, double halfLife, double clip,
                                 long seed, double minutes, int maxIterations, int maxTokens) {

    /**
     * The defaults (see examples/study/SMALL_TIER.md): 3,000-token vocabularies (min count 2), 64-wide
     * embeddings, one 128-unit LSTM layer in the encoder and one in the decoder (two each trained at
     * half the speed on this machine), batches of 128, Adam from 0.005 halving every 1,000 iterations,
     * clipping at 5, seed 42, 14 minutes, training sentences of up to 40 tokens.
     */
    public static final NmtTrainingOptions DEFAULT =
            new NmtTrainingOptions(3000, 3000, 2, 64, 128, 1, 128, 0.005, 1000, 5.0, 42, 14, 0, 40);

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public NmtTrainingOptions {
        atLeast("sourceVocab", sourceVocab, 5);
        atLeast("targetVocab", targetVocab, 5);
        atLeast("minCount", minCount, 1);
        atLeast("embedding", embedding, 1);
        atLeast("units", units, 1);
        atLeast("layers", layers, 1);
        atLeast("batchSize", batchSize, 1);
        atLeast("maxIterations", maxIterations, 0);
        atLeast("maxTokens", maxTokens, 1);
        positive("learningRate", learningRate);
        positive("halfLife", halfLife);
        positive("clip", clip);
        positive("minutes", minutes);
    }

    private static void atLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
        }
    }

    private static void positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
    }
}
