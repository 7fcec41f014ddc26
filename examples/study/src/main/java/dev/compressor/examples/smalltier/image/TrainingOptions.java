package dev.compressor.examples.smalltier.image;

/**
 * How a small network is trained: epochs over the training split, minibatch size, the seed (weight
 * initialisation, dropout and the per-epoch shuffles), and the Adam learning rate at the start
 * (it decays linearly to zero over the run), and whether 1x1 convolutions train through
 * compressor-prune's {@code DirectPointwiseConvolution} (one batched matrix product per pass instead
 * of DL4J's im2col; same function, different float rounding, so weights trained before the option
 * existed are reproduced with it off). Immutable.
 *
 * @param epochs passes over the training examples, at least 1
 * @param batchSize examples per minibatch, at least 1
 * @param seed the seed of everything random in training
 * @param learningRate the initial Adam learning rate, positive
 * @param directPointwise whether 1x1 convolutions train as direct matrix products
 */
public record TrainingOptions(int epochs, int batchSize, long seed, double learningRate, boolean directPointwise) {

    /** The defaults: 4 epochs, batches of 64, seed 42, learning rate {@value SmallNetwork#LEARNING_RATE}. */
    public static final TrainingOptions DEFAULT = new TrainingOptions(4, 64, 42, SmallNetwork.LEARNING_RATE, false);

    /**
     * Options with 1x1 convolutions trained by DL4J's own layer.
     *
     * @param epochs passes over the training examples, at least 1
     * @param batchSize examples per minibatch, at least 1
     * @param seed the seed of everything random in training
     * @param learningRate the initial Adam learning rate, positive
     */
    public TrainingOptions(int epochs, int batchSize, long seed, double learningRate) {
        this(epochs, batchSize, seed, learningRate, false);
    }

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
    }
}
