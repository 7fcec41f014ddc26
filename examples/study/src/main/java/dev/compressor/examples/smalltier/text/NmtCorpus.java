package dev.compressor.examples.smalltier.text;

/**
 * The corpus settings of the small-tier translation model, shared by training and evaluation so
 * both see the same split: sentences of at most {@value #MAX_WORDS} words, split seed
 * {@value #SPLIT_SEED}, test fraction {@value #TEST_FRACTION} (the defaults of
 * {@link CorpusBaselineCommand}).
 */
public final class NmtCorpus {

    /** Longest sentence kept by the {@link SentenceFilter}, in words. */
    public static final int MAX_WORDS = 30;
    /** Seed of the train/test split. */
    public static final long SPLIT_SEED = 42;
    /** Expected fraction of pairs in the test split. */
    public static final double TEST_FRACTION = 0.1;

    private NmtCorpus() {
    }
}
