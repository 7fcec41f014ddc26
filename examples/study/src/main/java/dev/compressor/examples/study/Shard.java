package dev.compressor.examples.study;

/**
 * One of {@code count} disjoint parts of a plan: the cells whose zero-based index {@code i} satisfies
 * {@code i % count == index}. Together the shards {@code 0/n .. (n-1)/n} cover every cell once.
 * Immutable.
 *
 * @param index this shard, in [0, count)
 * @param count number of shards, at least 1
 */
public record Shard(int index, int count) {

    /** The whole plan as one shard. */
    public static final Shard ALL = new Shard(0, 1);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException if count &lt; 1 or index is outside [0, count)
     */
    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be >= 1, got " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index must be in [0, " + count + "), got " + index);
        }
    }

    /**
     * Parses {@code i/n}, e.g. {@code 0/4}.
     *
     * @param text the shard as written on the command line
     * @return the shard
     * @throws IllegalArgumentException if the text is not {@code i/n} with valid bounds
     */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shard must be written i/n (zero-based i), got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must be written i/n with integers, got '" + text + "'", e);
        }
    }

    /**
     * Whether a cell index belongs to this shard.
     *
     * @param cellIndex a zero-based cell index
     * @return true if {@code cellIndex % count == index}
     */
    public boolean selects(int cellIndex) {
        return cellIndex % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
