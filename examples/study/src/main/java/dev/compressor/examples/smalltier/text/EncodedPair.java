package dev.compressor.examples.smalltier.text;

/**
 * A sentence pair as token ids, without start or end tokens (the batcher adds them). Holds its
 * arrays without copying; callers must not change them.
 *
 * @param source source token ids (at least one)
 * @param target target token ids (at least one)
 */
public record EncodedPair(int[] source, int[] target) {

    /**
     * Validates the arrays.
     *
     * @throws IllegalArgumentException if either side is empty
     */
    public EncodedPair {
        if (source == null || source.length == 0) {
            throw new IllegalArgumentException("source must have at least one token");
        }
        if (target == null || target.length == 0) {
            throw new IllegalArgumentException("target must have at least one token");
        }
    }

    /**
     * Tokenizes and encodes a pair.
     *
     * @param pair the text pair
     * @param tokenizer the tokenizer (13a)
     * @param sourceVocab the source vocabulary
     * @param targetVocab the target vocabulary
     * @return the encoded pair
     */
    public static EncodedPair of(SentencePair pair, Tokenizer13a tokenizer, Vocabulary sourceVocab,
                                 Vocabulary targetVocab) {
        return new EncodedPair(sourceVocab.encode(tokenizer.tokenize(pair.source())),
                targetVocab.encode(tokenizer.tokenize(pair.target())));
    }
}
