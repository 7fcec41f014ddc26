package dev.compressor.examples.smalltier.image;

/**
 * How a small network is trained: epochs over the training split, minibatch size, the seed (weight
 * initialisation, dropout and the per-epoch shuffles), and the Adam learning rate at the start
 * (it decays linearly to zero over the run). Immutable.
 *
 * @param epochs passes over the training examples, at least 1
 * @param batchSize examples per minibatch, at least 1
 * @param seed the seed of everything random in training
 * @param learningRate the initial Adam learning rate, positive
 */
public record TrainingOptions(int epochs, int batchSize, long seed, double learningRate) {

    /** The defaults: 4 epochs, batches of 64, seed 42, learning rate {@value SmallNetwork#LEARNING_RATE}. */
    public static final TrainingOptions DEFAULT = new TrainingOptions(4, 64, 42, SmallNetwork.LEARNING_RATE);

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
