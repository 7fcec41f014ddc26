package dev.compressor.prune.structured;

import dev.compressor.api.TensorState;
import dev.compressor.api.tensor.TensorLayout;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Ranks the channels of a group by the norm of their weights and picks those to keep. Stateless. */
final class ChannelRanking {

    private ChannelRanking() {
    }

    /**
     * The channels to keep.
     *
     * @param weights the producers' weight tensors (their output axis indexes the channels)
     * @param channels the group's channel count
     * @param ratio fraction to remove
     * @param criterion the norm
     * @return kept channel indices, ascending
     */
    static int[] keep(List<TensorState> weights, int channels, double ratio, ChannelCriterion criterion) {
        double[] score = new double[channels];
        for (TensorState t : weights) {
            TensorLayout layout = t.info().layout();
            int axis = t.info().outputAxis();
            if (axis < 0 || layout.dim(axis) != channels) {
                throw new IllegalStateException("tensor '" + t.name() + "' " + layout + " has no output axis of "
                        + channels + " channels");
            }
            long stride = layout.stride(axis);
            float[] d = t.values().data();
            for (int i = 0; i < d.length; i++) {
                if (Float.isNaN(d[i])) {
                    throw new IllegalArgumentException("tensor '" + t.name() + "': NaN at flat index " + i
                            + "; structured pruning needs weights that are numbers");
                }
                int c = (int) ((i / stride) % channels);
                score[c] += criterion == ChannelCriterion.L1 ? Math.abs(d[i]) : (double) d[i] * d[i];
            }
        }
        int remove = (int) Math.min(channels - 1, Math.round(ratio * channels));
        int[] byScore = IntStream.range(0, channels).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> score[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).toArray();
        int[] kept = Arrays.copyOfRange(byScore, remove, channels);
        Arrays.sort(kept);
        return kept;
    }
}
