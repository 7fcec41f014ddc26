package dev.compressor.examples.study;

import java.util.Map;

/**
 * The shard of {@code study run --shard auto}: its index and count come from the launcher that
 * already runs jobs on a fleet, so one command line serves every job of it. No scheduler of our own.
 *
 * <ul>
 *   <li>A Kubernetes Indexed Job sets {@code JOB_COMPLETION_INDEX} (0..completions-1) in each pod; the
 *       count is the Job's {@code completions}, which pods cannot see, so it is given with
 *       {@code --shards N}.</li>
 *   <li>A Slurm job array sets {@code SLURM_ARRAY_TASK_ID}, {@code SLURM_ARRAY_TASK_MIN} and
 *       {@code SLURM_ARRAY_TASK_COUNT}; the shard index is the task id minus the minimum, so
 *       {@code --array=1-8} and {@code --array=0-7} both give shards 0/8 .. 7/8. {@code --shards},
 *       if given, must agree with the count.</li>
 * </ul>
 * Stateless.
 */
final class ShardFromLauncher {

    static final String K8S_INDEX = "JOB_COMPLETION_INDEX";
    static final String SLURM_ID = "SLURM_ARRAY_TASK_ID";
    static final String SLURM_MIN = "SLURM_ARRAY_TASK_MIN";
    static final String SLURM_COUNT = "SLURM_ARRAY_TASK_COUNT";

    private ShardFromLauncher() {
    }

    /**
     * Finds this job's shard in the launcher's environment.
     *
     * @param env the environment (System.getenv() in production)
     * @param shards {@code --shards N}, or null when not given
     * @return the shard
     * @throws IllegalArgumentException if no launcher variable is set, a value is not a number, the
     *         count is missing (Kubernetes) or disagrees with {@code --shards} (Slurm)
     */
    static Shard find(Map<String, String> env, Integer shards) {
        if (shards != null && shards < 1) {
            throw new IllegalArgumentException("--shards must be >= 1, got " + shards);
        }
        if (env.containsKey(K8S_INDEX)) {
            if (shards == null) {
                throw new IllegalArgumentException(K8S_INDEX + " gives this pod's index only: pass --shards N "
                        + "with N the Indexed Job's completions");
            }
            return new Shard(number(env, K8S_INDEX), shards);
        }
        if (env.containsKey(SLURM_ID)) {
            int count = number(env, SLURM_COUNT);
            int index = number(env, SLURM_ID) - (env.containsKey(SLURM_MIN) ? number(env, SLURM_MIN) : 0);
            if (shards != null && shards != count) {
                throw new IllegalArgumentException("--shards " + shards + " disagrees with " + SLURM_COUNT + "="
                        + count);
            }
            return new Shard(index, count);
        }
        throw new IllegalArgumentException("--shard auto found no launcher: set by a Kubernetes Indexed Job ("
                + K8S_INDEX + ", with --shards N) or a Slurm job array (" + SLURM_ID + ", " + SLURM_COUNT
                + "); elsewhere give --shard I/N");
    }

    private static int number(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is not set (needed with " + SLURM_ID + ")");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
        }
    }
}
