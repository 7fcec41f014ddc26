package dev.compressor.examples.smalltier.text;

import dev.compressor.examples.networks.AttentionNmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns encoded pairs into teacher-forced minibatches for {@link AttentionNmt} and groups pairs into
 * length buckets. Sequences are right-padded with {@link Vocabulary#PAD_ID} and masked.
 *
 * <p>A batch is a {@link MultiDataSet} with features {@code source [b, 1, S]} and
 * {@code target_in [b, 1, T + 1]} (ids as floats, {@code target_in} starts with {@link Vocabulary#BOS_ID}),
 * the source feature mask {@code [b, S]} (no target feature mask: see {@link #batch}), and labels (the target followed by
 * {@link Vocabulary#EOS_ID}) either as ids {@code [b, 1, T + 1]} for a sparse loss or one-hot
 * {@code [b, vocab, T + 1]}, with the target mask as label mask. {@code S} and {@code T} are the
 * longest source and target in the batch. Stateless and thread-safe.
 */
public final class NmtBatches {

    private NmtBatches() {
    }

    /**
     * Builds one minibatch.
     *
     * @param pairs the pairs (at least one)
     * @param targetVocab target vocabulary size; labels are one-hot over it unless {@code sparseLabels}
     * @param sparseLabels true for id labels {@code [b, 1, T + 1]}, false for one-hot labels
     * @return the minibatch
     */
    public static MultiDataSet batch(List<EncodedPair> pairs, int targetVocab, boolean sparseLabels) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one pair, got 0");
        }
        int b = pairs.size();
        int s = 0;
        int t = 0;
        for (EncodedPair p : pairs) {
            s = Math.max(s, p.source().length);
            t = Math.max(t, p.target().length + 1);
        }
        float[] src = new float[b * s];
        float[] srcMask = new float[b * s];
        float[] tin = new float[b * t];
        float[] tMask = new float[b * t];
        float[] labels = new float[sparseLabels ? b * t : b * targetVocab * t];
        for (int i = 0; i < b; i++) {
            EncodedPair p = pairs.get(i);
            for (int j = 0; j < p.source().length; j++) {
                src[i * s + j] = p.source()[j];
                srcMask[i * s + j] = 1;
            }
            int[] tgt = p.target();
            for (int j = 0; j <= tgt.length; j++) {
                tin[i * t + j] = j == 0 ? Vocabulary.BOS_ID : tgt[j - 1];
                tMask[i * t + j] = 1;
                int next = j < tgt.length ? tgt[j] : Vocabulary.EOS_ID;
                if (next < 0 || next >= targetVocab) {
                    throw new IllegalArgumentException("target id " + next + " outside vocabulary of " + targetVocab);
                }
                if (sparseLabels) {
                    labels[i * t + j] = next;
                } else {
                    labels[(i * targetVocab + next) * t + j] = 1;
                }
            }
        }
        INDArray[] features = {Nd4j.create(src, new long[] {b, 1, s}, 'c'), Nd4j.create(tin, new long[] {b, 1, t}, 'c')};
        // No feature mask on target_in: the decoder is causal, so padding after a target cannot change its
        // outputs, and the label mask keeps padded positions out of the loss. (A target feature mask would
        // reach the TimeDistributed layers, whose masked path mixes up examples in DL4J 1.0.0-M2.1.)
        INDArray[] masks = {Nd4j.create(srcMask, new long[] {b, s}, 'c'), null};
        INDArray label = Nd4j.create(labels, new long[] {b, sparseLabels ? 1 : targetVocab, t}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[] {label}, masks,
                new INDArray[] {Nd4j.create(tMask, new long[] {b, t}, 'c')});
    }

    /**
     * Groups pairs into minibatches of similar lengths for one epoch: shuffles them with {@code random},
     * sorts each pool of {@code poolBatches * batchSize} consecutive pairs by source then target length,
     * cuts the pools into batches and shuffles the batch order.
     *
     * @param pairs the training pairs
     * @param batchSize pairs per batch (at least 1); the last batch of a pool may be smaller
     * @param poolBatches batches per sorting pool (at least 1; 1 disables bucketing)
     * @param random the epoch's seeded random source
     * @return the batches, each a list of pairs
     */
    public static List<List<EncodedPair>> buckets(List<EncodedPair> pairs, int batchSize, int poolBatches,
                                                  Random random) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (poolBatches < 1) {
            throw new IllegalArgumentException("poolBatches must be >= 1, got " + poolBatches);
        }
        List<EncodedPair> shuffled = new ArrayList<>(pairs);
        Collections.shuffle(shuffled, random);
        Comparator<EncodedPair> byLength = Comparator.<EncodedPair>comparingInt(p -> p.source().length)
                .thenComparingInt(p -> p.target().length);
        int pool = batchSize * poolBatches;
        List<List<EncodedPair>> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.size(); from += pool) {
            List<EncodedPair> part = new ArrayList<>(shuffled.subList(from, Math.min(shuffled.size(), from + pool)));
            part.sort(byLength);
            for (int i = 0; i < part.size(); i += batchSize) {
                batches.add(List.copyOf(part.subList(i, Math.min(part.size(), i + batchSize))));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }
}
